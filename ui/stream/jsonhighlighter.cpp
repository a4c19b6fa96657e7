// SPDX-License-Identifier: GPL-3.0-or-later
// A one-pass scanner per line: pretty-printed JSON never spans a string over two lines, so no state is
// carried between blocks. Broken JSON is coloured as far as it looks like JSON and left alone after.
#include "jsonhighlighter.h"

#include <QPalette>
#include <QTextDocument>

namespace cdc::ui {

namespace {

bool isNumberChar(QChar c)
{
    return c.isDigit() || c == u'-' || c == u'+' || c == u'.' || c == u'e' || c == u'E';
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document) {}

void JsonHighlighter::setPalette(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    if (dark == m_dark)
        return;
    m_dark = dark;
    rehighlight();
}

QTextCharFormat JsonHighlighter::format(Token token) const
{
    // Two sets chosen for contrast on white and on a near-black base (WCAG AA for normal text).
    QTextCharFormat f;
    switch (token) {
    case Token::Key: f.setForeground(m_dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x1a, 0x4f, 0xa8)); break;
    case Token::String: f.setForeground(m_dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15)); break;
    case Token::Number: f.setForeground(m_dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x0b, 0x7a, 0x3e)); break;
    case Token::Keyword:
        f.setForeground(m_dark ? QColor(0xc5, 0x86, 0xc0) : QColor(0x7a, 0x1f, 0xa2));
        f.setFontWeight(QFont::DemiBold);
        break;
    case Token::Punctuation: f.setForeground(m_dark ? QColor(0x8a, 0x8f, 0x98) : QColor(0x6b, 0x72, 0x80)); break;
    }
    return f;
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == u'"') {
            qsizetype end = i + 1;
            while (end < n && text.at(end) != u'"')
                end += text.at(end) == u'\\' ? 2 : 1;
            end = qMin(end + 1, n);
            // A string followed by a colon is a key.
            qsizetype next = end;
            while (next < n && text.at(next).isSpace())
                ++next;
            const bool key = next < n && text.at(next) == u':';
            setFormat(int(i), int(end - i), format(key ? Token::Key : Token::String));
            i = end;
        } else if (c.isDigit() || (c == u'-' && i + 1 < n && text.at(i + 1).isDigit())) {
            qsizetype end = i + 1;
            while (end < n && isNumberChar(text.at(end)))
                ++end;
            setFormat(int(i), int(end - i), format(Token::Number));
            i = end;
        } else if (c.isLetter()) {
            qsizetype end = i + 1;
            while (end < n && text.at(end).isLetter())
                ++end;
            const QStringView word = QStringView(text).mid(i, end - i);
            if (word == u"true" || word == u"false" || word == u"null")
                setFormat(int(i), int(end - i), format(Token::Keyword));
            i = end;
        } else if (c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u':' || c == u',') {
            setFormat(int(i), 1, format(Token::Punctuation));
            ++i;
        } else {
            ++i;
        }
    }
}

} // namespace cdc::ui
