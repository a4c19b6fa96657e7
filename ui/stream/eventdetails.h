// SPDX-License-Identifier: GPL-3.0-or-later
// The details pane of the event viewer: the selected event's value (pretty, coloured), the diff of an
// update, its headers, key and raw bytes, and the problem of an event that could not be decoded.
#pragma once

#include "stream/eventview.h"

#include <QByteArray>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTableWidget;
class QTabWidget;
class QToolButton;

namespace cdc::ui {

class JsonHighlighter;

class EventDetails : public QWidget
{
    Q_OBJECT

public:
    explicit EventDetails(QWidget *parent = nullptr);

    // Copies what it shows: the view may be dropped from the store afterwards.
    void setEvent(const stream::EventView &event);
    void clear();

    QTabWidget *tabs() const { return m_tabs; }
    QTableWidget *diffTable() const { return m_diff; }
    QString valueText() const;
    QString problemText() const;   // the banner's text, empty when hidden
    bool showsRedelivered() const; // the "redelivered" tag beside the title
    QByteArray eventJson() const { return m_json; }

    enum Tab { ValueTab, DiffTab, HeadersTab, KeyTab, RawTab };

protected:
    void changeEvent(QEvent *event) override;

private:
    QStackedWidget *m_stack;
    QLabel *m_title;
    QLabel *m_redelivered;
    QLabel *m_problem;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_value;
    QTableWidget *m_diff;
    QTableWidget *m_headers;
    QPlainTextEdit *m_key;
    QPlainTextEdit *m_raw;
    QToolButton *m_copy;
    JsonHighlighter *m_valueColours;
    JsonHighlighter *m_keyColours;
    QByteArray m_json;
};

} // namespace cdc::ui
