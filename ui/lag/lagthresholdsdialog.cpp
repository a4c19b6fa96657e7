// SPDX-License-Identifier: GPL-3.0-or-later
// The lag thresholds dialog.
#include "lagthresholdsdialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace cdc::ui {

namespace {

constexpr double kMegabyte = 1024.0 * 1024.0; // lag::formatValue's "MB" (binary, as PostgreSQL's pg_size_pretty)

QDoubleSpinBox *makeSpinBox(QWidget *parent, const QString &suffix, int decimals, double maximum)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(0, maximum);
    box->setDecimals(decimals);
    box->setSuffix(suffix);
    box->setSpecialValueText(LagThresholdsDialog::tr("off"));
    box->setGroupSeparatorShown(true);
    box->setAccelerated(true);
    box->setAlignment(Qt::AlignRight);
    return box;
}

} // namespace

LagThresholdsDialog::LagThresholdsDialog(const lag::LagThresholds &current, QWidget *parent)
    : QDialog(parent)
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("lagThresholdsDialog"));
    setWindowTitle(tr("Lag Thresholds"));

    auto *grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("Warning"), this), 0, 1, Qt::AlignHCenter);
    grid->addWidget(new QLabel(tr("Critical"), this), 0, 2, Qt::AlignHCenter);
    struct Spec
    {
        Row *row;
        QString label;
        QString suffix;
        int decimals;
        double maximum;
        double scale;
    };
    const Spec specs[] = {
        {&m_postgres, tr("PostgreSQL, WAL retained:"), tr(" MB"), 0, 10'000'000, kMegabyte},
        {&m_mysql, tr("MySQL, time behind:"), tr(" s"), 1, 7 * 86'400, 1000},
        {&m_consumer, tr("Consumers, messages behind:"), QString(), 0, 1e9, 1},
    };
    int r = 1;
    for (const Spec &spec : specs) {
        spec.row->scale = spec.scale;
        spec.row->warning = makeSpinBox(this, spec.suffix, spec.decimals, spec.maximum);
        spec.row->critical = makeSpinBox(this, spec.suffix, spec.decimals, spec.maximum);
        grid->addWidget(new QLabel(spec.label, this), r, 0);
        grid->addWidget(spec.row->warning, r, 1);
        grid->addWidget(spec.row->critical, r, 2);
        connect(spec.row->warning, &QDoubleSpinBox::valueChanged, this, &LagThresholdsDialog::validate);
        connect(spec.row->critical, &QDoubleSpinBox::valueChanged, this, &LagThresholdsDialog::validate);
        ++r;
    }
    m_postgres.warning->setObjectName(QStringLiteral("postgresWarning"));
    m_postgres.critical->setObjectName(QStringLiteral("postgresCritical"));
    m_mysql.warning->setObjectName(QStringLiteral("mysqlWarning"));
    m_mysql.critical->setObjectName(QStringLiteral("mysqlCritical"));
    m_consumer.warning->setObjectName(QStringLiteral("consumerWarning"));
    m_consumer.critical->setObjectName(QStringLiteral("consumerCritical"));
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);

    auto *note = new QLabel(tr("Each database has its own thresholds: PostgreSQL lag is WAL the slot still "
                               "holds, MySQL lag is time. 0 turns a threshold off. The thresholds are saved "
                               "with the project."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    m_problem->setObjectName(QStringLiteral("lagThresholdsProblem"));
    m_problem->setWordWrap(true);
    m_problem->setVisible(false);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(note);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    setThresholds(current);
    layout->setSizeConstraint(QLayout::SetMinimumSize); // never narrower than the labels and boxes need
    setMinimumWidth(480);
}

LagThresholdsDialog::Row &LagThresholdsDialog::row(lag::LagUnit unit)
{
    return const_cast<Row &>(std::as_const(*this).row(unit));
}

const LagThresholdsDialog::Row &LagThresholdsDialog::row(lag::LagUnit unit) const
{
    switch (unit) {
    case lag::LagUnit::Bytes: return m_postgres;
    case lag::LagUnit::Milliseconds: return m_mysql;
    case lag::LagUnit::Messages: break;
    }
    return m_consumer;
}

QDoubleSpinBox *LagThresholdsDialog::spinBox(lag::LagUnit unit, lag::LagLevel level) const
{
    return level == lag::LagLevel::Critical ? row(unit).critical : row(unit).warning;
}

lag::LagThresholds LagThresholdsDialog::thresholds() const
{
    // A value the user left alone stays exact, though its spin box shows it rounded.
    auto value = [](const QDoubleSpinBox *box, double scale, double initial) {
        return box->value() == QString::number(initial / scale, 'f', box->decimals()).toDouble() ? initial
                                                                                                 : box->value() * scale;
    };
    auto read = [&value](const Row &r, const lag::LagThreshold &initial) {
        return lag::LagThreshold{value(r.warning, r.scale, initial.warning),
                                 value(r.critical, r.scale, initial.critical)};
    };
    lag::LagThresholds t;
    t.postgresBytes = read(m_postgres, m_initial.postgresBytes);
    t.mysqlMs = read(m_mysql, m_initial.mysqlMs);
    t.consumerMessages = read(m_consumer, m_initial.consumerMessages);
    return t;
}

void LagThresholdsDialog::setThresholds(const lag::LagThresholds &thresholds)
{
    m_initial = thresholds;
    auto write = [](Row &r, const lag::LagThreshold &t) {
        r.warning->setValue(t.warning / r.scale);
        r.critical->setValue(t.critical / r.scale);
    };
    write(m_postgres, thresholds.postgresBytes);
    write(m_mysql, thresholds.mysqlMs);
    write(m_consumer, thresholds.consumerMessages);
    validate();
}

QString LagThresholdsDialog::problem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void LagThresholdsDialog::validate()
{
    QStringList problems;
    const std::pair<const Row *, QString> rows[] = {
        {&m_postgres, tr("PostgreSQL")}, {&m_mysql, tr("MySQL")}, {&m_consumer, tr("Consumers")}};
    for (const auto &[r, name] : rows) {
        if (r->warning->value() > 0 && r->critical->value() > 0 && r->critical->value() < r->warning->value())
            problems << tr("%1: the critical threshold is below the warning threshold.").arg(name);
    }
    m_problem->setText(problems.join(u'\n'));
    m_problem->setVisible(!problems.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problems.isEmpty());
}

} // namespace cdc::ui
