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
    m_explanation->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
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
    auto *button =
        new QPushButton(action->icon(), action->text().remove(u'&').remove(QStringLiteral("...")).remove(u'…'), this);
    button->setToolTip(action->toolTip());
    button->setEnabled(action->isEnabled());
    connect(button, &QPushButton::clicked, action, &QAction::trigger);
    connect(action, &QAction::enabledChanged, button, &QPushButton::setEnabled);
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

} // namespace cdc::ui
