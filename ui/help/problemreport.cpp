// SPDX-License-Identifier: GPL-3.0-or-later
// The problem report.
#include "problemreport.h"

#include "common/aboutdialog.h"
#include "common/monospacefont.h"
#include "core/messagelog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QStringBuilder>
#include <QStyle>
#include <QVBoxLayout>

namespace cdc::ui {

QString ProblemReportDialog::reportText(int logLines)
{
    QString text = QStringLiteral("## Versions\n") % AboutDialog::versionText();
    text += QStringLiteral("\n## Platform\n");
    text += QStringLiteral("Qt platform: ") % QGuiApplication::platformName() % u'\n';
    if (QApplication::style())
        text += QStringLiteral("Style: ") % QApplication::style()->name() % u'\n';
    text += QStringLiteral("Locale: ") % QLocale().name() % u'\n';
    for (const QScreen *screen : QGuiApplication::screens()) {
        text += QStringLiteral("Screen %1: %2×%3, device pixel ratio %4\n")
                    .arg(screen->name())
                    .arg(screen->geometry().width())
                    .arg(screen->geometry().height())
                    .arg(screen->devicePixelRatio());
    }
    QStringList log = messagelog::recent();
    if (log.size() > logLines)
        log = log.mid(log.size() - logLines);
    text += QStringLiteral("\n## Recent log (%1 lines; passwords and tokens masked)\n").arg(log.size());
    text += log.isEmpty() ? QStringLiteral("(nothing logged)\n") : log.join(u'\n') + u'\n';
    return text;
}

ProblemReportDialog::ProblemReportDialog(QWidget *parent) : QDialog(parent), m_text(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("problemReport"));
    setWindowTitle(tr("Report a Problem"));
    setSizeGripEnabled(true);

    auto *intro = new QLabel(tr("Paste this into your bug report with the steps that lead to the problem. It "
                                "holds the versions, the platform and the recent log, with passwords and "
                                "tokens masked. Nothing is sent anywhere."),
                             this);
    intro->setWordWrap(true);

    m_text->setObjectName(QStringLiteral("problemReportText"));
    m_text->setReadOnly(true);
    m_text->setFont(monospaceFont());
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setPlainText(reportText());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy to Clipboard"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyReport"));
    copy->setDefault(true);
    connect(copy, &QPushButton::clicked, this, [this, copy] {
        QApplication::clipboard()->setText(m_text->toPlainText());
        copy->setText(tr("Copied"));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(760, 520);
}

QString ProblemReportDialog::text() const
{
    return m_text->toPlainText();
}

} // namespace cdc::ui
