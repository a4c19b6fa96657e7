// SPDX-License-Identifier: GPL-3.0-or-later
// The full trace dialog.
#include "tracedialog.h"

#include "common/monospacefont.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace cdc::ui {

TraceDialog::TraceDialog(const QString &subject, const QString &trace, QWidget *parent)
    : QDialog(parent)
    , m_text(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("traceDialog"));
    setWindowTitle(tr("Trace of %1").arg(subject));
    auto *heading = new QLabel(tr("Kafka Connect reported this failure of %1:").arg(subject), this);
    heading->setWordWrap(true);
    heading->setTextFormat(Qt::PlainText);

    m_text->setObjectName(QStringLiteral("traceText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(monospaceFont());
    m_text->setTabStopDistance(QFontMetricsF(m_text->font()).horizontalAdvance(u' ') * 4);
    m_text->setPlainText(trace);
    auto *wrap = new QCheckBox(tr("&Wrap long lines"), this);
    wrap->setObjectName(QStringLiteral("wrapTrace"));
    connect(wrap, &QCheckBox::toggled, this,
            [this](bool on) { m_text->setLineWrapMode(on ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap); });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyTrace"));
    copy->setToolTip(tr("Copy the whole trace to the clipboard"));
    connect(copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_text->toPlainText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_text, 1);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(wrap);
    bottom->addStretch(1);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);
    resize(860, 480);
}

} // namespace cdc::ui
