// SPDX-License-Identifier: GPL-3.0-or-later
// View ▸ Theme (issue 20, part 7): the choice is kept in the settings and applied by the next window, the
// dark palette reaches the window, and what paints its own colours follows it live: the message bar,
// the lag charts, the canvas. In presentation mode a theme picks the high-contrast palette of its lightness.
#include "common/messagebar.h"
#include "common/settingskeys.h"
#include "common/theme.h"
#include "lag/lagchart.h"
#include "mainwindow/mainwindow.h"
#include "sandbox/presentationmode.h"
#include "sandbox/sandboxcontroller.h"
#include "topology/projectdocument.h"
#include "topology/topologyscene.h"

#include "guitestsupport.h"

#include <QAction>
#include <QApplication>
#include <QSettings>
#include <QTest>
#include <QVBoxLayout>

using namespace cdc;

namespace {

QAction *themeAction(const QWidget &window, ui::Theme theme)
{
    return window.findChild<QAction *>(QStringLiteral("theme-") + ui::themeName(theme));
}

bool dark(const QColor &colour)
{
    return colour.lightness() < 128;
}

} // namespace

class TstTheme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        guitest::useTestSettings(QStringLiteral("tst_theme"));
        QSettings().clear();
        m_system = QApplication::palette();
        QVERIFY(!ui::isDarkPalette(m_system)); // offscreen's palette is light: the test sees a change
    }

    void cleanup()
    {
        QSettings().remove(ui::settings::theme());
        QApplication::setPalette(ui::themePalette(ui::Theme::System));
    }

    void namesRoundTrip()
    {
        for (ui::Theme theme : {ui::Theme::System, ui::Theme::Light, ui::Theme::Dark})
            QCOMPARE(ui::themeFromName(ui::themeName(theme)), theme);
        QCOMPARE(ui::themeFromName(QStringLiteral("sepia")), ui::Theme::System);
        QVERIFY(ui::isDarkPalette(ui::darkPalette()));
        QVERIFY(!ui::isDarkPalette(ui::lightPalette()));
    }

    void choiceIsKeptAndAppliedByTheNextWindow()
    {
        {
            topology::ProjectDocument document;
            ui::MainWindow window(&document);
            QVERIFY(themeAction(window, ui::Theme::System)->isChecked());
            QVERIFY(themeAction(window, ui::Theme::System)->actionGroup()->isExclusive());
            themeAction(window, ui::Theme::Dark)->trigger();
            QVERIFY(themeAction(window, ui::Theme::Dark)->isChecked());
            QVERIFY(!themeAction(window, ui::Theme::System)->isChecked());
            QCOMPARE(QSettings().value(ui::settings::theme()).toString(), QStringLiteral("dark"));
            QCOMPARE(QApplication::palette().color(QPalette::Window), ui::darkPalette().color(QPalette::Window));
            QTRY_VERIFY(dark(window.palette().color(QPalette::Window)));
        }
        QApplication::setPalette(m_system);
        {
            topology::ProjectDocument document;
            ui::MainWindow window(&document);
            QVERIFY(themeAction(window, ui::Theme::Dark)->isChecked());
            QCOMPARE(QApplication::palette().color(QPalette::Window), ui::darkPalette().color(QPalette::Window));
            // System gives the platform's own palette back.
            themeAction(window, ui::Theme::System)->trigger();
            QCOMPARE(QApplication::palette().color(QPalette::Window), m_system.color(QPalette::Window));
            QCOMPARE(QApplication::palette().color(QPalette::Text), m_system.color(QPalette::Text));
            QCOMPARE(QSettings().value(ui::settings::theme()).toString(), QStringLiteral("system"));
            themeAction(window, ui::Theme::Light)->trigger();
            QCOMPARE(QApplication::palette().color(QPalette::Base), ui::lightPalette().color(QPalette::Base));
        }
    }

    // The message bar tints the window colour of the theme in force, not the one it was shown under.
    void messageBarFollowsTheTheme()
    {
        QWidget panel;
        auto *layout = new QVBoxLayout(&panel);
        auto *bar = new ui::MessageBar(&panel);
        layout->addWidget(bar);
        panel.resize(400, 100);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        bar->showMessage(ui::MessageBar::Kind::Warning, QStringLiteral("Lag above the warning threshold"));
        QVERIFY(!dark(bar->palette().color(QPalette::Window)));
        QVERIFY(dark(bar->palette().color(QPalette::WindowText)));
        const QImage lightShot = bar->grab().toImage();
        QVERIFY(!dark(lightShot.pixelColor(lightShot.width() / 2, 2)));

        ui::applyTheme(ui::Theme::Dark);
        QTRY_VERIFY(dark(bar->palette().color(QPalette::Window)));
        QVERIFY(!dark(bar->palette().color(QPalette::WindowText)));
        // Still a tint of amber over the dark window, not the dark window itself.
        QVERIFY(bar->palette().color(QPalette::Window) != ui::darkPalette().color(QPalette::Window));
        const QImage darkShot = bar->grab().toImage();
        QVERIFY(dark(darkShot.pixelColor(darkShot.width() / 2, 2)));
        QVERIFY(darkShot.save(guitest::outputDir() + QStringLiteral("/theme-messagebar-dark.png")));

        ui::applyTheme(ui::Theme::Light);
        QTRY_VERIFY(!dark(bar->palette().color(QPalette::Window)));
    }

    // Charts and the canvas read the palette when they paint: a theme reaches them live.
    void chartsAndCanvasFollowTheTheme()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        QVERIFY(window.openTemplate(QStringLiteral("capstone")));
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::LagChart chart(lag::LagUnit::Bytes, &window);
        themeAction(window, ui::Theme::Dark)->trigger();
        QTRY_COMPARE(chart.xAxis->tickLabelColor(), ui::darkPalette().color(QPalette::Text));
        QTRY_VERIFY(dark(window.topologyScene()->palette().color(QPalette::Base)));
        QTest::qWait(200);
        QVERIFY(window.grab().save(guitest::outputDir() + QStringLiteral("/theme-window-dark.png")));
        themeAction(window, ui::Theme::Light)->trigger();
        QTRY_COMPARE(chart.xAxis->tickLabelColor(), ui::lightPalette().color(QPalette::Text));
        QTRY_VERIFY(!dark(window.topologyScene()->palette().color(QPalette::Base)));
    }

    // The toolbar's drawn icons (Fit to Window, Start and Stop Sandbox) are in the theme's text colour:
    // light on the dark theme, dark on the light one; the style's own were black on both.
    void toolbarIconsFollowTheTheme()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // The mean lightness of an icon's drawn pixels.
        auto ink = [](const QAction *action) {
            const QImage image = action->icon().pixmap(24).toImage().convertToFormat(QImage::Format_ARGB32);
            qint64 sum = 0, count = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    if (c.alpha() > 200) {
                        sum += c.lightness();
                        ++count;
                    }
                }
            }
            return count > 0 ? int(sum / count) : -1;
        };
        const QList<QAction *> actions{window.findChild<QAction *>(QStringLiteral("zoomFit")),
                                       window.startSandboxAction(),
                                       window.findChild<QAction *>(QStringLiteral("stopSandbox"))};
        for (QAction *action : actions)
            QVERIFY(action);
        themeAction(window, ui::Theme::Dark)->trigger();
        for (QAction *action : actions)
            QTRY_VERIFY2(ink(action) > 160, qPrintable(action->objectName() + u' ' + QString::number(ink(action))));
        themeAction(window, ui::Theme::Light)->trigger();
        for (QAction *action : actions)
            QTRY_VERIFY2(ink(action) >= 0 && ink(action) < 100,
                         qPrintable(action->objectName() + u' ' + QString::number(ink(action))));
    }

    // Presentation mode keeps the theme's lightness, and a theme chosen while presenting is the one
    // left with.
    void presentationModeKeepsTheThemesLightness()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        themeAction(window, ui::Theme::Dark)->trigger();
        ui::PresentationMode *mode = window.sandbox()->presentationMode();
        mode->setActive(true);
        QCOMPARE(QApplication::palette().color(QPalette::Base), QColor(Qt::black));
        QCOMPARE(QApplication::palette().color(QPalette::Text), QColor(Qt::white));
        themeAction(window, ui::Theme::Light)->trigger();
        QCOMPARE(QApplication::palette().color(QPalette::Base), QColor(Qt::white));
        QCOMPARE(QApplication::palette().color(QPalette::Text), QColor(Qt::black));
        mode->setActive(false);
        QCOMPARE(QApplication::palette().color(QPalette::Window), ui::lightPalette().color(QPalette::Window));
        QCOMPARE(ui::savedTheme(), ui::Theme::Light);
    }

private:
    QPalette m_system;
};

QTEST_MAIN(TstTheme)
#include "tst_theme.moc"
