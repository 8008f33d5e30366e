#pragma once

#include "state/sqliteworker.h"

#include <QList>
#include <QStringList>

namespace tusk::state {

/// One step of the state file's schema: the statements that take a file from `version - 1`
/// to `version`. Versions start at 1 and have no gaps (statemigrations.cpp).
struct StateMigration
{
    int version;
    QStringList statements;
};

/// The ordered migrations this build knows; the last one's version is the schema's latest.
const QList<StateMigration> &stateMigrations();

/// Tusk's one local state file: one SqliteWorker (one thread, one connection) shared by every
/// store (QueryHistoryStore, EditorTabStore, ProfileStore). On open it brings the schema up to
/// date: each migration runs in its own transaction and sets `PRAGMA user_version` to its
/// version. A file made by a newer Tusk (a higher user_version) is left untouched and reported
/// through openFailed(), as is a damaged, foreign or locked file; the stores then keep nothing.
/// The database must outlive the stores that use it.
/// @code
/// auto *db = new StateDatabase(StateDatabase::defaultPath(), this);
/// auto *history = new QueryHistoryStore(db, this);
/// connect(db, &StateDatabase::openFailed, this, &Window::showStateProblem);
/// @endcode
class StateDatabase : public SqliteWorker
{
    Q_OBJECT
public:
    explicit StateDatabase(const QString &path, QObject *parent = nullptr);

    static int latestVersion();
    /// Runs the migrations on `db` (an open connection); returns why it could not (empty if done).
    static QString migrate(QSqlDatabase &db, const QList<StateMigration> &migrations);
};

} // namespace tusk::state
