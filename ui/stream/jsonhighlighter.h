// SPDX-License-Identifier: GPL-3.0-or-later
// Syntax colours for pretty-printed JSON in the event details: keys, strings, numbers, true/false/null
// and punctuation, with one colour set for light palettes and one for dark ones.
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QPalette;
class QTextDocument;

namespace cdc::ui {

class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument *document);

    // Picks the colour set that reads on this palette's base colour, and re-highlights.
    void setPalette(const QPalette &palette);
    bool isDark() const { return m_dark; }

    enum class Token { Key, String, Number, Keyword, Punctuation };
    QTextCharFormat format(Token token) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    bool m_dark = false;
};

} // namespace cdc::ui
