// SPDX-License-Identifier: GPL-3.0-or-later
// The Kafka Connect cluster dialog.
#include "clusterdialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace cdc::ui {

namespace {

bool isPasswordReference(const QString &text)
{
    static const QRegularExpression env(QStringLiteral(R"(^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$)"));
    static const QRegularExpression file(QStringLiteral(R"(^\$\{file:[^}]+:[^:}]+\}$)"));
    return env.match(text).hasMatch() || file.match(text).hasMatch();
}

} // namespace

ClusterDialog::ClusterDialog(Mode mode, const connect::ClusterSettings &initial, const QStringList &takenNames,
                             QWidget *parent)
    : QDialog(parent)
    , m_initial(initial)
    , m_takenNames(takenNames)
    , m_name(new QLineEdit(initial.name, this))
    , m_url(new QLineEdit(initial.url.toString(), this))
    , m_username(new QLineEdit(initial.username, this))
    , m_passwordReference(new QLineEdit(initial.passwordReference, this))
    , m_caFile(new QLineEdit(initial.caFile, this))
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("clusterDialog"));
    m_name->setObjectName(QStringLiteral("clusterName"));
    m_url->setObjectName(QStringLiteral("clusterUrl"));
    m_username->setObjectName(QStringLiteral("clusterUsername"));
    m_passwordReference->setObjectName(QStringLiteral("clusterPasswordReference"));
    m_caFile->setObjectName(QStringLiteral("clusterCaFile"));
    m_problem->setObjectName(QStringLiteral("clusterProblem"));

    m_name->setPlaceholderText(QStringLiteral("local"));
    m_url->setPlaceholderText(QStringLiteral("http://localhost:8083"));
    m_url->setToolTip(tr("The REST address of any worker of the Kafka Connect cluster"));
    m_username->setPlaceholderText(tr("none: no authentication"));
    m_passwordReference->setPlaceholderText(QStringLiteral("${env:CONNECT_PASSWORD}"));
    m_passwordReference->setToolTip(tr("A reference, resolved on this machine when a request is made: "
                                       "${env:VARIABLE} or ${file:/path/to/file.properties:key}. "
                                       "The project never holds the password itself."));
    m_caFile->setPlaceholderText(tr("system certificates"));
    m_caFile->setToolTip(tr("A PEM file with the certificate authority that signed the worker's certificate (HTTPS)"));

    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("CA Certificate"), m_caFile->text(),
                                                          tr("PEM certificates (*.pem *.crt);;All files (*)"));
        if (!path.isEmpty())
            m_caFile->setText(path);
    });
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&User:"), m_username);
    form->addRow(tr("&Password reference:"), m_passwordReference);
    auto *caLabel = new QLabel(tr("&CA file:"), this);
    caLabel->setBuddy(m_caFile);
    form->addRow(caLabel, caRow);

    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    QPalette warn = m_problem->palette();
    warn.setColor(QPalette::WindowText, QColor(0xd9, 0x30, 0x25));
    m_problem->setPalette(warn);
    m_problem->hide();
    // A plain password is refused as it is typed, before it can end up in a shared project file.
    connect(m_passwordReference, &QLineEdit::textChanged, this, [this](const QString &text) {
        const QString trimmed = text.trimmed();
        if (!trimmed.isEmpty() && !trimmed.startsWith(QLatin1String("${")))
            showProblem(problem());
        else if (m_problem->isVisible() && problem().isEmpty())
            showProblem({});
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ClusterDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setWindowTitle(mode == Mode::Add ? tr("Add Kafka Connect Cluster") : tr("Edit Kafka Connect Cluster"));
    resize(520, sizeHint().height());
}

connect::ClusterSettings ClusterDialog::settings() const
{
    connect::ClusterSettings s = m_initial;
    s.name = m_name->text().trimmed();
    s.url = QUrl(m_url->text().trimmed());
    s.username = m_username->text().trimmed();
    s.passwordReference = m_passwordReference->text().trimmed();
    s.caFile = m_caFile->text().trimmed();
    return s;
}

QString ClusterDialog::problem() const
{
    const connect::ClusterSettings s = settings();
    if (!s.passwordReference.isEmpty() && !isPasswordReference(s.passwordReference))
        return tr("Enter a reference to the password, not the password itself:\n"
                  "${env:VARIABLE} or ${file:/path/to/file.properties:key}\n"
                  "CDC Studio never stores passwords in the project.");
    if (s.name.isEmpty())
        return tr("Give the cluster a name, for example \"local\".");
    if (m_takenNames.contains(s.name))
        return tr("The project already has a cluster called \"%1\". Choose another name.").arg(s.name);
    const QString scheme = s.url.scheme();
    if (!s.url.isValid() || s.url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return tr("Enter the REST address of a Kafka Connect worker, for example http://localhost:8083.");
    if (!s.passwordReference.isEmpty() && s.username.isEmpty())
        return tr("Enter the user the password reference belongs to.");
    if (!s.caFile.isEmpty() && !QFileInfo(s.caFile).isFile())
        return tr("The CA file %1 does not exist.").arg(s.caFile);
    return {};
}

void ClusterDialog::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void ClusterDialog::accept()
{
    const QString why = problem();
    showProblem(why);
    if (why.isEmpty())
        QDialog::accept();
}

} // namespace cdc::ui
