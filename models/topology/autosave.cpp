// SPDX-License-Identifier: GPL-3.0-or-later
// Autosave and crash recovery.
#include "autosave.h"

#include "core/logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUndoStack>

namespace cdc::topology {

namespace {

QString sidecarOf(const QString &recoveryFile)
{
    return recoveryFile + QStringLiteral(".json");
}

} // namespace

Autosave::Autosave(ProjectDocument *document, QString directory, int delayMs, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_directory(std::move(directory))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(delayMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (auto r = writeNow(); !r)
            qCWarning(lcProject) << "autosave failed:" << r.error().toString();
    });
    connect(document->undoStack(), &QUndoStack::indexChanged, this, [this] {
        if (m_document->isModified())
            m_timer.start();
    });
    // Saved, or undone back to the saved state: nothing to recover. (This runs before a Save As
    // changes the path, so it removes the file named after the old one.)
    connect(document->undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (clean)
            discard();
    });
}

Autosave::~Autosave() = default;

QString Autosave::recoveryFile() const
{
    const QString key = m_document->filePath().isEmpty() ? QStringLiteral("untitled") : m_document->filePath();
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return m_directory + QStringLiteral("/recovery-") + QString::fromLatin1(hash) + QStringLiteral(".cdcproj");
}

Result<void> Autosave::writeNow()
{
    m_timer.stop();
    if (!QDir().mkpath(m_directory))
        return Error{QCoreApplication::translate("Autosave", "Cannot create the recovery folder."), m_directory, {}};
    const QString file = recoveryFile();
    if (auto r = saveProjectFile(file, m_document->snapshot()); !r)
        return r;
    QSaveFile sidecar(sidecarOf(file));
    const QByteArray meta = QJsonDocument(QJsonObject{{QStringLiteral("original"), m_document->filePath()},
                                                      {QStringLiteral("savedAt"),
                                                       QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}})
                                .toJson(QJsonDocument::Compact);
    if (!sidecar.open(QIODevice::WriteOnly) || sidecar.write(meta) != meta.size() || !sidecar.commit())
        return Error{
            QCoreApplication::translate("Autosave", "Cannot write the recovery note: %1").arg(sidecar.errorString()),
            sidecarOf(file),
            {}};
    return {};
}

void Autosave::discard()
{
    m_timer.stop();
    QFile::remove(recoveryFile());
    QFile::remove(sidecarOf(recoveryFile()));
}

std::vector<RecoverableProject> Autosave::leftovers(const QString &directory)
{
    std::vector<RecoverableProject> out;
    const QDir dir(directory);
    for (const QString &name : dir.entryList({QStringLiteral("recovery-*.cdcproj")}, QDir::Files)) {
        RecoverableProject p;
        p.recoveryFile = dir.filePath(name);
        QFile sidecar(sidecarOf(p.recoveryFile));
        if (sidecar.open(QIODevice::ReadOnly)) {
            const QJsonObject meta = QJsonDocument::fromJson(sidecar.readAll()).object();
            p.originalPath = meta.value(QStringLiteral("original")).toString();
            p.savedAt = QDateTime::fromString(meta.value(QStringLiteral("savedAt")).toString(), Qt::ISODateWithMs);
        }
        if (!p.savedAt.isValid())
            p.savedAt = QFileInfo(p.recoveryFile).lastModified();
        out.push_back(std::move(p));
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.savedAt > b.savedAt; });
    return out;
}

Result<void> Autosave::recover(const RecoverableProject &leftover, ProjectDocument *document)
{
    auto project = loadProjectFile(leftover.recoveryFile);
    if (!project)
        return project.error();
    if (auto r = document->load(project.value(), leftover.originalPath); !r)
        return r;
    // Recovered work is unsaved work: the document shows as modified until the user saves.
    document->undoStack()->resetClean();
    QFile::remove(leftover.recoveryFile);
    QFile::remove(sidecarOf(leftover.recoveryFile));
    return {};
}

} // namespace cdc::topology
