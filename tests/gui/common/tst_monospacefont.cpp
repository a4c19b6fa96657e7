// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 18: the fixed-pitch font of code views, under the offscreen platform where the platform's
// fixed font is proportional on a fresh Debian machine.
#include "common/monospacefont.h"
#include "connect/tracedialog.h"
#include "stream/eventdetails.h"

#include <QApplication>
#include <QFontDatabase>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QPlainTextEdit>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

using namespace cdc;

namespace {

// Fixed pitch by measurement, not by the font's own claim: a narrow and a wide glyph advance alike.
bool advancesAlike(const QFont &font)
{
    const QFontMetricsF metrics(font);
    return metrics.horizontalAdvance(u'i') == metrics.horizontalAdvance(u'M') &&
           metrics.horizontalAdvance(u'.') == metrics.horizontalAdvance(u'W');
}

} // namespace

class TestMonospaceFont : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Under tst_monospacefont_proportional the platform's fixed font really is proportional, so the
    // tests below go through the fallbacks rather than passing on the platform's answer.
    void platformFixedFontAsExpected()
    {
        if (!qEnvironmentVariableIsSet("CDC_EXPECT_PROPORTIONAL_FIXED_FONT"))
            QSKIP("runs under tst_monospacefont_proportional");
        QVERIFY(!QFontInfo(QFontDatabase::systemFont(QFontDatabase::FixedFont)).fixedPitch());
    }

    void isFixedPitch()
    {
        const QFont font = ui::monospaceFont();
        QVERIFY2(QFontInfo(font).fixedPitch(), qPrintable(QFontInfo(font).family()));
        QVERIFY2(advancesAlike(font), qPrintable(QFontInfo(font).family()));
        QCOMPARE(font.pointSizeF(), QApplication::font().pointSizeF());
    }

    void followsTheApplicationSize()
    {
        const QFont saved = QApplication::font();
        QFont larger = saved;
        larger.setPointSizeF(saved.pointSizeF() * 1.5);
        QApplication::setFont(larger);
        const QFont font = ui::monospaceFont();
        QApplication::setFont(saved);
        QCOMPARE(font.pointSizeF(), larger.pointSizeF());
        QVERIFY(QFontInfo(font).fixedPitch());
    }

    // Rich text (the Doctor's evidence and fixes) gets the same family for <pre> and <code>.
    void styleSheetForRichText()
    {
        QTextDocument document;
        document.setDefaultStyleSheet(ui::monospaceStyleSheet());
        document.setHtml(QStringLiteral("<p>prose</p><pre>SELECT 1;</pre><p><code>wal_level</code></p>"));
        const QString family = QFontInfo(ui::monospaceFont()).family();
        QTextCursor pre(document.findBlockByNumber(1));
        pre.movePosition(QTextCursor::NextCharacter);
        QCOMPARE(QFontInfo(pre.charFormat().font()).family(), family);
        QVERIFY(QFontInfo(pre.charFormat().font()).fixedPitch());
        QTextCursor code(document.findBlockByNumber(2));
        code.movePosition(QTextCursor::NextCharacter);
        QVERIFY(QFontInfo(code.charFormat().font()).fixedPitch());
    }

    void traceDialogIsFixedPitch()
    {
        ui::TraceDialog dialog(QStringLiteral("task 0"),
                               QStringLiteral("org.apache.kafka.connect.errors.ConnectException"));
        QVERIFY(QFontInfo(dialog.textView()->font()).fixedPitch());
        QVERIFY(advancesAlike(dialog.textView()->font()));
    }

    void eventDetailsViewsAreFixedPitch()
    {
        ui::EventDetails details;
        const QList<QPlainTextEdit *> views = details.findChildren<QPlainTextEdit *>();
        QVERIFY(!views.isEmpty()); // value, key, headers and raw bytes
        for (QPlainTextEdit *view : views)
            QVERIFY2(QFontInfo(view->font()).fixedPitch(), qPrintable(view->objectName()));
    }
};

QTEST_MAIN(TestMonospaceFont)
#include "tst_monospacefont.moc"
