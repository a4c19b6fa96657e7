// SPDX-License-Identifier: GPL-3.0-or-later
// The banner the same-id burst leaves in the Events panel: "Order 42 arrived from both databases" with
// "Filter to these", which sets the panel's query to that order's events from both sources. It stays until
// closed or its filter is applied: a burst is over in a moment, the question it raises is not.
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

namespace cdc::ui {

class BurstBanner : public QFrame
{
    Q_OBJECT

public:
    explicit BurstBanner(QWidget *parent = nullptr);

    // Shows the banner for `orderId`, whose events `query` selects ("key:42").
    void showBurst(qint64 orderId, const QString &query);
    QString query() const { return m_query; }
    QString text() const;

    QPushButton *filterButton() const { return m_filter; }
    QToolButton *closeButton() const { return m_close; }

    // No height of its own in the panel's minimum: showing it takes room from the table, never grows the
    // dock or the window (at 1366×768 the window would otherwise get taller than the screen).
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // "Filter to these": the owner sets the Events panel's query; the banner has hidden itself.
    void filterRequested(const QString &query);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_filter;
    QToolButton *m_close;
    QString m_query;
    bool m_applyingColors = false;
};

} // namespace cdc::ui
