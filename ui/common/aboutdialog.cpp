// Help ▸ About.
#include "aboutdialog.h"

#include "common/qcustomplot.h"
#include "core/buildinfo.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QStringBuilder>
#include <QSysInfo>
#include <QVBoxLayout>

namespace cdc::ui {

namespace {
QString qcustomplotVersion()
{
    return QStringLiteral(QCUSTOMPLOT_VERSION_STR);
}
} // namespace

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About %1").arg(buildinfo::applicationName()));
    setObjectName(QStringLiteral("aboutDialog"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/cdc-studio.svg")).pixmap(96, 96));

    auto *title = new QLabel(buildinfo::applicationName() % u' ' % buildinfo::applicationVersion(), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title->setFont(titleFont);

    auto *blurb = new QLabel(tr("Design and operate Debezium change-data-capture pipelines: PostgreSQL and "
                                "MySQL/MariaDB outbox tables, Kafka Connect, and one merged, source-tagged "
                                "stream of events."),
                             this);
    blurb->setWordWrap(true);

    auto *versions = new QFormLayout;
    versions->addRow(tr("Qt:"), new QLabel(buildinfo::qtRuntimeVersion(), this));
    versions->addRow(tr("librdkafka:"), new QLabel(buildinfo::librdkafkaVersion(), this));
    versions->addRow(tr("QCustomPlot:"), new QLabel(qcustomplotVersion(), this));
    versions->addRow(tr("Build:"), new QLabel(buildinfo::buildType(), this));
    versions->addRow(tr("System:"), new QLabel(QSysInfo::prettyProductName(), this));

    auto *text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(blurb);
    text->addLayout(versions);

    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(text, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy Versions"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [] { QApplication::clipboard()->setText(versionText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

QString AboutDialog::versionText()
{
    return buildinfo::versionReport(buildinfo::applicationName()) % QStringLiteral("QCustomPlot ") %
           qcustomplotVersion() % u'\n' % QSysInfo::prettyProductName() % u'\n';
}

} // namespace cdc::ui
