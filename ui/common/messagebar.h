// SPDX-License-Identifier: GPL-3.0-or-later
// A message shown inside a panel, above its content: an error or a warning that stays until it is
// closed, or a note that goes away by itself. Word-wrapped and selectable, so a long error can be read and copied.
#pragma once

#include <QFrame>

class QLabel;
class QTimer;
class QToolButton;

namespace cdc::ui {

class MessageBar : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Error, Warning, Information };

    explicit MessageBar(QWidget *parent = nullptr);

    // Errors and warnings stay until closed; information goes after a few seconds.
    void showMessage(Kind kind, const QString &text);
    void clearMessage();

    QString text() const;
    Kind kind() const { return m_kind; }

    // No height of its own in the panel's minimum: a message takes room from the panel's content, and
    // never makes its dock taller, so closing it leaves the window's layout as it was (issue 20).
    QSize minimumSizeHint() const override;
    // The height its text needs at its width, as a hint only: without height-for-width the panel's
    // layout keeps its content's minimum and the bar takes what is left (the whole text in a tooltip).
    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return false; }

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    QTimer *m_hideTimer;
    Kind m_kind = Kind::Information;
    bool m_applyingColors = false; // applyColors() sets a palette: its PaletteChange is not a new theme
};

} // namespace cdc::ui
