// SPDX-License-Identifier: GPL-3.0-or-later
// Help ▸ About.
#include "aboutdialog.h"

#include "common/qcustomplot.h"
#include "core/buildinfo.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGridLayout>
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

    auto *licence = new QLabel(
        tr("Free software under the GNU General Public License, version 3 or later (%1): you may share and "
           "change it under its terms. It comes with no warranty. The licence is in COPYING, and on Debian in "
           "/usr/share/common-licenses/GPL-3.")
            .arg(buildinfo::licence()),
        this);
    licence->setObjectName(QStringLiteral("aboutLicence"));
    licence->setWordWrap(true);
    licence->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Name, version and licence of each library, in a grid so the columns line up.
    auto *versions = new QGridLayout;
    versions->setHorizontalSpacing(16);
    int row = 0;
    auto addRow = [&](const QString &name, const QString &version, const QString &licenceText) {
        versions->addWidget(new QLabel(name, this), row, 0);
        versions->addWidget(new QLabel(version, this), row, 1);
        auto *l = new QLabel(licenceText, this);
        l->setForegroundRole(QPalette::PlaceholderText);
        versions->addWidget(l, row, 2);
        ++row;
    };
    for (const buildinfo::Component &c : buildinfo::components(qcustomplotVersion()))
        addRow(c.name, c.version, c.licence);
    addRow(tr("Build"), buildinfo::buildType(), {});
    addRow(tr("System"), QSysInfo::prettyProductName(), {});
    versions->setColumnStretch(2, 1);

    auto *text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(blurb);
    text->addWidget(licence);
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
}

QString AboutDialog::versionText()
{
    QString text = buildinfo::applicationName() % u' ' % buildinfo::applicationVersion() % QStringLiteral(" (") %
                   buildinfo::licence() % QStringLiteral(")\n");
    for (const buildinfo::Component &c : buildinfo::components(qcustomplotVersion()))
        text += c.name % u' ' % c.version % QStringLiteral(" (") % c.licence % QStringLiteral(")\n");
    return text % QStringLiteral("Build ") % buildinfo::buildType() % u'\n' % QSysInfo::prettyProductName() % u'\n';
}

} // namespace cdc::ui
