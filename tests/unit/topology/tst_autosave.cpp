// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of autosave and crash recovery: edits are written shortly after they happen, a save removes
// the recovery file, and a leftover file brings the unsaved work back.
#include "topology/autosave.h"
#include "topology/templates.h"
#include "topology/topologycommands.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace cdc::topology;

class TstAutosave : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editsAreWrittenAndSavesRemoveThem()
    {
        QTemporaryDir dir;
        ProjectDocument document;
        QVERIFY(document.load(loadTemplate(*findTemplate(QStringLiteral("capstone"))).value(), {}));
        Autosave autosave(&document, dir.filePath(QStringLiteral("recovery")), 50);
        QVERIFY(!QFile::exists(autosave.recoveryFile()));

        document.undoStack()->push(new MoveNodesCommand(document.topology(), {{QStringLiteral("sink-orders"), {}}},
                                                        {{QStringLiteral("sink-orders"), QPointF(5, 5)}}));
        QTRY_VERIFY(QFile::exists(autosave.recoveryFile()));
        const auto leftovers = Autosave::leftovers(dir.filePath(QStringLiteral("recovery")));
        QCOMPARE(leftovers.size(), 1u);
        QVERIFY(leftovers.front().originalPath.isEmpty());
        QVERIFY(leftovers.front().savedAt.secsTo(QDateTime::currentDateTimeUtc()) < 60);

        const QString recoveryOfUntitled = autosave.recoveryFile();
        QVERIFY(document.saveAs(dir.filePath(QStringLiteral("p.cdcproj"))));
        QVERIFY(!QFile::exists(recoveryOfUntitled));
        QVERIFY(Autosave::leftovers(dir.filePath(QStringLiteral("recovery"))).empty());
    }

    void leftoverBringsTheWorkBack()
    {
        QTemporaryDir dir;
        const QString recovery = dir.filePath(QStringLiteral("recovery"));
        const QString original = dir.filePath(QStringLiteral("orders.cdcproj"));
        {
            // A session that "crashes": it edits, autosaves, and never closes cleanly.
            ProjectDocument document;
            QVERIFY(document.load(loadTemplate(*findTemplate(QStringLiteral("capstone"))).value(), {}));
            QVERIFY(document.saveAs(original));
            Autosave autosave(&document, recovery, 60000);
            document.undoStack()->push(new EditNodeCommand(document.topology(), QStringLiteral("sink-orders"),
                                                           QStringLiteral("renamed sink"), {}));
            QVERIFY(autosave.writeNow());
            // The scope ends without discard(): the recovery file stays, as after a crash.
        }
        const auto leftovers = Autosave::leftovers(recovery);
        QCOMPARE(leftovers.size(), 1u);
        QCOMPARE(leftovers.front().originalPath, original);

        ProjectDocument recovered;
        QVERIFY(Autosave::recover(leftovers.front(), &recovered));
        QCOMPARE(recovered.topology()->node(QStringLiteral("sink-orders"))->name, QStringLiteral("renamed sink"));
        QCOMPARE(recovered.filePath(), original);
        QVERIFY(recovered.isModified()); // recovered work is not saved yet
        QVERIFY(Autosave::leftovers(recovery).empty());
    }

    void brokenLeftoverIsAnErrorAndNothingIsLost()
    {
        QTemporaryDir dir;
        QFile broken(dir.filePath(QStringLiteral("recovery-0000.cdcproj")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{ truncated");
        broken.close();
        const auto leftovers = Autosave::leftovers(dir.path());
        QCOMPARE(leftovers.size(), 1u);
        ProjectDocument document;
        QVERIFY(!Autosave::recover(leftovers.front(), &document));
        QVERIFY(QFile::exists(leftovers.front().recoveryFile)); // kept for the user to look at
    }
};

QTEST_GUILESS_MAIN(TstAutosave)
#include "tst_autosave.moc"
