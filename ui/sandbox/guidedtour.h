// SPDX-License-Identifier: GPL-3.0-or-later
// The guided tour of the capstone: a small non-modal callout that walks through the pipeline step by step
// (Back, Next, Close; "Step n of N"). Each step selects and centres the nodes it is about or raises the
// panel it talks about, and the callout sits beside that target, never over it, with an arrow towards it.
// Finishing gives the canvas back as the user had it.
#pragma once

#include <QFrame>
#include <QList>
#include <QStringList>
#include <QTransform>

#include <optional>

class QLabel;
class QPushButton;
class QTimer;

namespace cdc::ui {

class MainWindow;

struct TourStep
{
    QString title;
    QString text;        // rich text, a few sentences
    QStringList nodeIds; // capstone nodes to select and centre on; the callout points at them
    QString dock;        // object name of the dock to show and raise; the callout points at it when the
                         // step has no nodes, and keeps off it when it can
};

class GuidedTour : public QFrame
{
    Q_OBJECT

public:
    // The capstone's tour, in order.
    static const QList<TourStep> &capstoneSteps();

    explicit GuidedTour(MainWindow *window);

    // Shows the callout at step `index` (0-based) and highlights what it is about. The first step shown
    // remembers the canvas's selection, zoom and scroll position for finish().
    void showStep(int index);
    int currentStep() const { return m_index; }
    int stepCount() const { return int(m_steps.size()); }
    void next();
    void back();
    // Close, Finish and Esc: hides the callout and puts back the canvas's selection, zoom and scroll
    // position as they were before the tour.
    void finish();

    // What the current step explains, in the window's coordinates: its nodes as the canvas shows them, or
    // its panel. Empty when neither is on screen (the callout then sits in the canvas's corner).
    QRect targetRect() const;
    // The callout's edge that carries the arrow towards the target; none without a target.
    std::optional<Qt::Edge> arrowEdge() const { return m_edge; }

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
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    struct Placement
    {
        QRect rect;
        std::optional<Qt::Edge> edge;
        int arrowAt = 0; // along `edge`, in the callout's coordinates
    };

    void highlight(const TourStep &step);
    void revealNodes(const QStringList &ids);
    void applyTitleFont();
    void place();
    // Where the callout may go: the canvas and the docks, below the toolbars and above the status bar.
    QRect workArea() const;
    QRect dockRect(const QString &objectName) const;
    // The callout's height at `width` with its arrow on `edge`.
    int heightFor(int width, std::optional<Qt::Edge> edge);
    void setArrowMargins(std::optional<Qt::Edge> edge);
    std::optional<Placement> besideTarget(const QRect &target, const QRect &avoid, const QRect &work);
    Placement inCorner(const QRect &work);
    void restoreView();

    MainWindow *m_window;
    QList<TourStep> m_steps;
    int m_index = 0;
    QLabel *m_title;
    QLabel *m_text;
    QLabel *m_counter;
    QPushButton *m_back;
    QPushButton *m_next;
    QPushButton *m_close;
    QTimer *m_placeTimer; // coalesces the layout changes that move the target
    std::optional<Qt::Edge> m_edge;
    int m_arrowAt = 0;

    // The canvas as the user left it when the tour began.
    struct SavedView
    {
        QStringList selection;
        QTransform transform;
        int horizontal = 0;
        int vertical = 0;
    };
    std::optional<SavedView> m_saved;
};

} // namespace cdc::ui
