// SPDX-License-Identifier: GPL-3.0-or-later
// Edit distance over letters and over dotted words.
#include "namesuggestion.h"

#include <algorithm>
#include <vector>

namespace cdc::debezium {

namespace {

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(std::size_t(b.size()) + 1);
    for (std::size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[std::size_t(j)];
            row[std::size_t(j)] =
                std::min({above + 1, row[std::size_t(j - 1)] + 1, diagonal + (a.at(i - 1) == b.at(j - 1) ? 0 : 1)});
            diagonal = above;
        }
    }
    return row.back();
}

// True when `shorter` is `longer` with exactly one dotted word left out.
bool oneWordMissing(const QStringList &shorter, const QStringList &longer)
{
    if (longer.size() != shorter.size() + 1)
        return false;
    for (qsizetype skip = 0; skip < longer.size(); ++skip) {
        QStringList without = longer;
        without.removeAt(skip);
        if (without == shorter)
            return true;
    }
    return false;
}

} // namespace

QString closestName(const QString &typed, const QStringList &candidates)
{
    if (typed.isEmpty() || candidates.contains(typed))
        return {};
    const QStringList words = typed.split(u'.');
    QString best;
    int bestScore = 0;
    for (const QString &candidate : candidates) {
        const QStringList other = candidate.split(u'.');
        int score = 0;
        if (oneWordMissing(words, other) || oneWordMissing(other, words)) {
            score = 1;
        } else {
            // A slip of a few letters: at most one in six, never more than three.
            const int distance = editDistance(typed.toLower(), candidate.toLower());
            const int allowed = std::min(3, std::max(1, int(typed.size()) / 6));
            if (distance <= allowed)
                score = 1 + distance;
        }
        if (score > 0 && (best.isEmpty() || score < bestScore)) {
            best = candidate;
            bestScore = score;
        }
    }
    return best;
}

} // namespace cdc::debezium
