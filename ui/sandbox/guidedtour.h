// The guided tour of the capstone: a small non-modal panel over the canvas's corner that walks through the
// pipeline step by step (Back, Next, Close; "Step n of N"), selecting and centring the nodes each step
// is about or raising the panel it talks about.
#pragma once

#include <QFrame>
#include <QList>
#include <QStringList>

class QLabel;
class QPushButton;

namespace cdc::ui {

class MainWindow;

struct TourStep
{
    QString title;
    QString text;        // rich text, a few sentences
    QStringList nodeIds; // capstone nodes to select and centre on
    QString dock;        // object name of the dock to show and raise; empty for the canvas alone
};

class GuidedTour : public QFrame
{
    Q_OBJECT

public:
    // The capstone's tour, in order.
    static const QList<TourStep> &capstoneSteps();

    explicit GuidedTour(MainWindow *window);

    // Shows the panel at step `index` (0-based) and highlights what it is about.
    void showStep(int index);
    int currentStep() const { return m_index; }
    int stepCount() const { return int(m_steps.size()); }
    void next();
    void back();

    QLabel *titleLabel() const { return m_title; }
    QLabel *textLabel() const { return m_text; }
    QLabel *counterLabel() const { return m_counter; }
    QPushButton *backButton() const { return m_back; }
    QPushButton *nextButton() const { return m_next; }
    QPushButton *closeButton() const { return m_close; }

Q_SIGNALS:
    void stepShown(int index);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void highlight(const TourStep &step);
    void applyTitleFont();
    void place();

    MainWindow *m_window;
    QList<TourStep> m_steps;
    int m_index = 0;
    QLabel *m_title;
    QLabel *m_text;
    QLabel *m_counter;
    QPushButton *m_back;
    QPushButton *m_next;
    QPushButton *m_close;
};

} // namespace cdc::ui
