// SPDX-License-Identifier: GPL-3.0-or-later
// The placeholder a panel shows while it has nothing to show.
#include "emptystate.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace cdc::ui {

EmptyState::EmptyState(const QString &title, const QString &explanation, QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(title, this))
    , m_explanation(new QLabel(explanation, this))
    , m_buttons(new QVBoxLayout)
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignHCenter);
    m_title->setObjectName(QStringLiteral("emptyStateTitle"));

    m_explanation->setWordWrap(true);
    m_explanation->setAlignment(Qt::AlignHCenter);
    m_explanation->setForegroundRole(QPalette::PlaceholderText);
    m_explanation->setTextFormat(Qt::PlainText);
    m_explanation->setMaximumWidth(460);
    // Keep the height-for-width a word-wrapped label has: without it the layout gives the label the
    // height of its size hint, which cuts a long text short or leaves a gap under a short one.
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    policy.setHeightForWidth(true);
    m_explanation->setSizePolicy(policy);
    m_explanation->setObjectName(QStringLiteral("emptyStateExplanation"));

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_title, 0, Qt::AlignHCenter);
    // A word-wrapped label only gets the height its text needs when the layout does not align it
    // (alignment turns off height-for-width), so centre it between stretches instead.
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(m_explanation, 100);
    row->addStretch(1);
    layout->addLayout(row);
    layout->addLayout(m_buttons);
    layout->addStretch(1);
    m_buttons->setAlignment(Qt::AlignHCenter);
}

void EmptyState::addAction(QAction *action)
{
    auto *button = new QPushButton(this);
    auto follow = [button, action] {
        button->setIcon(action->icon());
        button->setText(action->text().remove(u'&').remove(QStringLiteral("...")).remove(u'…'));
        button->setToolTip(action->toolTip());
        button->setEnabled(action->isEnabled());
        button->setVisible(action->isVisible());
    };
    follow();
    connect(button, &QPushButton::clicked, action, &QAction::trigger);
    connect(action, &QAction::changed, button, follow);
    m_buttons->addWidget(button, 0, Qt::AlignHCenter);
}

QString EmptyState::title() const
{
    return m_title->text();
}

QString EmptyState::explanation() const
{
    return m_explanation->text();
}

void EmptyState::setTexts(const QString &title, const QString &explanation)
{
    m_title->setText(title);
    m_explanation->setText(explanation);
}

} // namespace cdc::ui
