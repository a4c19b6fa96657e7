// SPDX-License-Identifier: GPL-3.0-or-later
// The form, its checks, and the QSettings round trip (one QVariantMap under settings::eventConnection()).
#include "connectiondialog.h"

#include "common/settingskeys.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSettings>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace cdc::ui {

namespace {

using Start = stream::ConsumerSettings::Start;

const QRegularExpression &secretReference()
{
    static const QRegularExpression re(QStringLiteral("^\\$\\{(env|file):[^}]+\\}$"));
    return re;
}

QStringList topicList(const QString &text)
{
    return text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
}

} // namespace

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent)
    , m_bootstrap(new QLineEdit(this))
    , m_topicMode(new QComboBox(this))
    , m_topics(new QLineEdit(this))
    , m_start(new QComboBox(this))
    , m_startValue(new QStackedWidget(this))
    , m_offset(new QLineEdit(this))
    , m_timestamp(new QDateTimeEdit(this))
    , m_group(new QLineEdit(this))
    , m_protocol(new QComboBox(this))
    , m_mechanism(new QComboBox(this))
    , m_user(new QLineEdit(this))
    , m_passwordReference(new QLineEdit(this))
    , m_caLocation(new QLineEdit(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("Connect to Kafka"));
    setObjectName(QStringLiteral("connectionDialog"));

    m_bootstrap->setObjectName(QStringLiteral("bootstrapServers"));
    m_bootstrap->setPlaceholderText(tr("host:port, host:port"));
    m_topicMode->addItem(tr("Topics matching"));
    m_topicMode->addItem(tr("These topics"));
    m_topics->setObjectName(QStringLiteral("topics"));

    m_start->addItem(tr("New events only (end)"), int(Start::End));
    m_start->addItem(tr("From the beginning"), int(Start::Beginning));
    m_start->addItem(tr("From an offset"), int(Start::Offset));
    m_start->addItem(tr("From a time"), int(Start::Timestamp));
    m_offset->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,18}")), m_offset));
    m_offset->setPlaceholderText(tr("offset in every partition"));
    m_timestamp->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_timestamp->setCalendarPopup(true);
    m_timestamp->setDateTime(QDateTime::currentDateTime().addSecs(-3600));
    m_startValue->addWidget(new QWidget(this));
    m_startValue->addWidget(m_offset);
    m_startValue->addWidget(m_timestamp);

    m_group->setPlaceholderText(tr("none: watch without a group, commit nothing"));
    m_group->setToolTip(tr("Without a group the viewer reads every matching partition and never commits "
                           "offsets, so it cannot disturb real consumers."));

    for (const char *protocol : {"plaintext", "ssl", "sasl_plaintext", "sasl_ssl"})
        m_protocol->addItem(QString::fromLatin1(protocol));
    for (const char *mechanism : {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
        m_mechanism->addItem(QString::fromLatin1(mechanism));
    m_passwordReference->setObjectName(QStringLiteral("passwordReference"));
    m_passwordReference->setPlaceholderText(QStringLiteral("${env:KAFKA_PASSWORD}"));
    m_passwordReference->setToolTip(tr("A reference, resolved when connecting: ${env:VARIABLE} or "
                                       "${file:/path/to/file.properties:key}. Passwords are never stored."));
    m_caLocation->setPlaceholderText(tr("CA certificate file (PEM), empty for the system's"));

    m_problem->setObjectName(QStringLiteral("connectionProblem"));
    m_problem->setWordWrap(true);
    QPalette problemPalette = m_problem->palette();
    problemPalette.setColor(QPalette::WindowText, QColor(0xd3, 0x2f, 0x2f));
    m_problem->setPalette(problemPalette);
    m_problem->hide();

    auto *topicRow = new QHBoxLayout;
    topicRow->addWidget(m_topicMode);
    topicRow->addWidget(m_topics, 1);
    auto *startRow = new QHBoxLayout;
    startRow->addWidget(m_start);
    startRow->addWidget(m_startValue, 1);

    auto *form = new QFormLayout;
    form->addRow(tr("&Bootstrap servers:"), m_bootstrap);
    // Rows that hold a layout get no buddy by themselves: without one, the & would show.
    auto *topicLabel = new QLabel(tr("&Topics:"), this);
    topicLabel->setBuddy(m_topics);
    form->addRow(topicLabel, topicRow);
    auto *startLabel = new QLabel(tr("&Start:"), this);
    startLabel->setBuddy(m_start);
    form->addRow(startLabel, startRow);
    form->addRow(tr("Consumer &group:"), m_group);
    form->addRow(tr("Security &protocol:"), m_protocol);
    form->addRow(tr("SASL &mechanism:"), m_mechanism);
    form->addRow(tr("SASL &user:"), m_user);
    form->addRow(tr("Pass&word reference:"), m_passwordReference);
    form->addRow(tr("&CA location:"), m_caLocation);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    connect(m_topicMode, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateEnabled);
    connect(m_start, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateEnabled);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateEnabled);
    setSettings(stream::ConsumerSettings{});
    resize(560, sizeHint().height());
}

void ConnectionDialog::setSettings(const stream::ConsumerSettings &s)
{
    m_bootstrap->setText(s.bootstrapServers);
    const bool byList = s.topicRegex.isEmpty() && !s.topics.isEmpty();
    m_topicMode->setCurrentIndex(byList ? 1 : 0);
    m_topics->setText(byList ? s.topics.join(QStringLiteral(", ")) : s.topicRegex);
    m_start->setCurrentIndex(m_start->findData(int(s.start)));
    m_offset->setText(QString::number(s.startOffset));
    if (s.startTimestampMs > 0)
        m_timestamp->setDateTime(QDateTime::fromMSecsSinceEpoch(s.startTimestampMs));
    m_group->setText(s.groupId);
    m_protocol->setCurrentIndex(qMax(0, m_protocol->findText(s.securityProtocol)));
    if (!s.saslMechanism.isEmpty())
        m_mechanism->setCurrentIndex(qMax(0, m_mechanism->findText(s.saslMechanism)));
    m_user->setText(s.saslUsername);
    m_passwordReference->setText(s.saslPasswordReference);
    m_caLocation->setText(s.sslCaLocation);
    updateEnabled();
}

stream::ConsumerSettings ConnectionDialog::settings() const
{
    stream::ConsumerSettings s;
    s.bootstrapServers = m_bootstrap->text().trimmed();
    if (m_topicMode->currentIndex() == 1) {
        s.topicRegex.clear();
        s.topics = topicList(m_topics->text());
    } else {
        s.topicRegex = m_topics->text().trimmed();
    }
    s.start = Start(m_start->currentData().toInt());
    s.startOffset = m_offset->text().toLongLong();
    s.startTimestampMs = m_timestamp->dateTime().toMSecsSinceEpoch();
    s.groupId = m_group->text().trimmed();
    s.securityProtocol = m_protocol->currentText();
    if (s.securityProtocol.startsWith(QLatin1String("sasl"))) {
        s.saslMechanism = m_mechanism->currentText();
        s.saslUsername = m_user->text().trimmed();
        s.saslPasswordReference = m_passwordReference->text().trimmed();
    }
    if (s.securityProtocol.endsWith(QLatin1String("ssl")))
        s.sslCaLocation = m_caLocation->text().trimmed();
    return s;
}

QString ConnectionDialog::problem() const
{
    const stream::ConsumerSettings s = settings();
    if (s.bootstrapServers.isEmpty())
        return tr("Enter at least one bootstrap server, for example 127.0.0.1:19092.");
    if (m_topicMode->currentIndex() == 0) {
        if (s.topicRegex.isEmpty())
            return tr("Enter a topic pattern, for example ^outbox\\.event\\..*");
        const QRegularExpression re(s.topicRegex);
        if (!re.isValid())
            return tr("The topic pattern is not a valid regular expression at character %1: %2.")
                .arg(re.patternErrorOffset() + 1)
                .arg(re.errorString());
    } else if (s.topics.isEmpty()) {
        return tr("Enter one or more topic names, separated by commas.");
    }
    if (!s.saslPasswordReference.isEmpty() && !secretReference().match(s.saslPasswordReference).hasMatch())
        return tr("Enter a reference, not the password itself: ${env:VARIABLE} or ${file:/path:key}. "
                  "CDC Studio never stores passwords.");
    return {};
}

void ConnectionDialog::accept()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    if (why.isEmpty())
        QDialog::accept();
}

void ConnectionDialog::updateEnabled()
{
    m_topics->setPlaceholderText(m_topicMode->currentIndex() == 0 ? tr("regular expression, e.g. ^outbox\\.event\\..*")
                                                                  : tr("topic, topic, …"));
    const auto start = Start(m_start->currentData().toInt());
    m_startValue->setCurrentIndex(start == Start::Offset ? 1 : start == Start::Timestamp ? 2 : 0);
    const QString protocol = m_protocol->currentText();
    const bool sasl = protocol.startsWith(QLatin1String("sasl"));
    for (QWidget *w : {static_cast<QWidget *>(m_mechanism), static_cast<QWidget *>(m_user),
                       static_cast<QWidget *>(m_passwordReference)})
        w->setEnabled(sasl);
    m_caLocation->setEnabled(protocol.endsWith(QLatin1String("ssl")));
}

stream::ConsumerSettings ConnectionDialog::remembered()
{
    stream::ConsumerSettings s;
    const QVariantMap m = QSettings().value(settings::eventConnection()).toMap();
    if (m.isEmpty())
        return s;
    s.bootstrapServers = m.value(QStringLiteral("bootstrap"), s.bootstrapServers).toString();
    s.topicRegex = m.value(QStringLiteral("topicRegex"), s.topicRegex).toString();
    s.topics = m.value(QStringLiteral("topics")).toStringList();
    s.start = Start(qBound(0, m.value(QStringLiteral("start")).toInt(), int(Start::Timestamp)));
    s.startOffset = m.value(QStringLiteral("startOffset")).toLongLong();
    s.startTimestampMs = m.value(QStringLiteral("startTimestampMs")).toLongLong();
    s.groupId = m.value(QStringLiteral("group")).toString();
    s.securityProtocol = m.value(QStringLiteral("securityProtocol"), s.securityProtocol).toString();
    s.saslMechanism = m.value(QStringLiteral("saslMechanism")).toString();
    s.saslUsername = m.value(QStringLiteral("saslUsername")).toString();
    s.saslPasswordReference = m.value(QStringLiteral("saslPasswordReference")).toString();
    s.sslCaLocation = m.value(QStringLiteral("sslCaLocation")).toString();
    return s;
}

void ConnectionDialog::remember(const stream::ConsumerSettings &s)
{
    QVariantMap m;
    m.insert(QStringLiteral("bootstrap"), s.bootstrapServers);
    m.insert(QStringLiteral("topicRegex"), s.topicRegex);
    m.insert(QStringLiteral("topics"), s.topics);
    m.insert(QStringLiteral("start"), int(s.start));
    m.insert(QStringLiteral("startOffset"), s.startOffset);
    m.insert(QStringLiteral("startTimestampMs"), s.startTimestampMs);
    m.insert(QStringLiteral("group"), s.groupId);
    m.insert(QStringLiteral("securityProtocol"), s.securityProtocol);
    m.insert(QStringLiteral("saslMechanism"), s.saslMechanism);
    m.insert(QStringLiteral("saslUsername"), s.saslUsername);
    // Only a reference is ever accepted (problem()), so this holds no secret.
    if (secretReference().match(s.saslPasswordReference).hasMatch())
        m.insert(QStringLiteral("saslPasswordReference"), s.saslPasswordReference);
    m.insert(QStringLiteral("sslCaLocation"), s.sslCaLocation);
    QSettings().setValue(settings::eventConnection(), m);
}

QString ConnectionDialog::stateText(stream::StreamConsumer::State state, const QString &message)
{
    using State = stream::StreamConsumer::State;
    QString text;
    switch (state) {
    case State::Stopped: text = tr("Kafka: not connected"); break;
    case State::Connecting: text = tr("Kafka: connecting…"); break;
    case State::Connected: text = tr("Kafka: connected"); break;
    case State::BrokerDown: text = tr("Kafka: broker unreachable, retrying"); break;
    case State::Failed: text = tr("Kafka: failed"); break;
    }
    if (message.isEmpty())
        return text;
    // "Connected to host:port" already says the state: one phrase, not two.
    if (state == State::Connected || state == State::Connecting || state == State::Stopped)
        return tr("Kafka: %1").arg(message.left(1).toLower() + message.mid(1));
    return text + QStringLiteral(" — ") + message;
}

} // namespace cdc::ui
