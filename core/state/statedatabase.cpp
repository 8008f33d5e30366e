#include "state/statedatabase.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace tusk::state {

namespace {
int userVersion(QSqlQuery &q)
{
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    const int v = q.value(0).toInt();
    q.finish();
    return v;
}
} // namespace

StateDatabase::StateDatabase(const QString &path, QObject *parent)
    : SqliteWorker(
          path, [](QSqlDatabase &db) { return migrate(db, stateMigrations()); }, parent)
{}

int StateDatabase::latestVersion()
{
    return stateMigrations().isEmpty() ? 0 : stateMigrations().constLast().version;
}

QString StateDatabase::migrate(QSqlDatabase &db, const QList<StateMigration> &migrations)
{
    QSqlQuery q(db);
    const int latest = migrations.isEmpty() ? 0 : migrations.constLast().version;
    const int found = userVersion(q);
    if (found < 0)
        return q.lastError().text();
    if (found > latest)
        return tr("it was made by a newer Tusk (state version %1, this Tusk knows up to %2), so it "
                  "is left untouched; history, autosave and profiles are off")
            .arg(found)
            .arg(latest);
    for (const StateMigration &m : migrations) {
        if (m.version <= found)
            continue;
        // IMMEDIATE takes the write lock first: a second Tusk opening the same file at the same
        // moment waits (busy_timeout), then sees the new version and skips the step.
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return q.lastError().text();
        QString error;
        if (userVersion(q) < m.version) {
            for (const QString &statement : m.statements) {
                if (!q.exec(statement)) {
                    error = q.lastError().text();
                    break;
                }
            }
            if (error.isEmpty() && !q.exec(QStringLiteral("PRAGMA user_version = %1").arg(m.version)))
                error = q.lastError().text();
        }
        if (!error.isEmpty()) {
            q.exec(QStringLiteral("ROLLBACK"));
            return tr("it could not be updated to state version %1 (%2)").arg(m.version).arg(error);
        }
        if (!q.exec(QStringLiteral("COMMIT")))
            return q.lastError().text();
    }
    return {};
}

} // namespace tusk::state
