// The state file's schema, one step per version. Append only: a released step never changes,
// because files out there already carry its version. Each step runs in one transaction.

#include "state/statedatabase.h"

namespace tusk::state {

const QList<StateMigration> &stateMigrations()
{
    static const QList<StateMigration> migrations{
        // 1: the layout Tusk wrote before versioning (user_version 0). IF NOT EXISTS, so such a
        // file keeps its rows and only gets its version number.
        {1,
         {QStringLiteral("CREATE TABLE IF NOT EXISTS query_history ("
                         " id INTEGER PRIMARY KEY,"
                         " executed_at INTEGER NOT NULL,"
                         " duration_ms INTEGER NOT NULL,"
                         " row_count INTEGER NOT NULL,"
                         " connection TEXT NOT NULL,"
                         " sql TEXT NOT NULL,"
                         " error TEXT NOT NULL DEFAULT '',"
                         " sqlstate TEXT NOT NULL DEFAULT '')"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS query_history_time ON query_history (executed_at DESC)"),
          QStringLiteral("CREATE TABLE IF NOT EXISTS editor_tabs ("
                         " id TEXT PRIMARY KEY,"
                         " ord INTEGER NOT NULL,"
                         " title TEXT NOT NULL,"
                         " conninfo TEXT NOT NULL,"
                         " file_path TEXT NOT NULL,"
                         " body TEXT NOT NULL,"
                         " cursor_line INTEGER NOT NULL,"
                         " cursor_index INTEGER NOT NULL,"
                         " modified INTEGER NOT NULL,"
                         " saved_at INTEGER NOT NULL)"),
          QStringLiteral("CREATE TABLE IF NOT EXISTS connection_profiles (id TEXT PRIMARY KEY, "
                         "name TEXT NOT NULL, body TEXT NOT NULL)")}},
        // 2: monitoring history (core/monitor/historyfile.cpp). A series is named once per node;
        // its points are kept per tier (0: every sample, then the downsampled buckets). A gap
        // is a NULL value. The (tier, at) index serves the retention delete.
        {2,
         {QStringLiteral("CREATE TABLE metric_series ("
                         " id INTEGER PRIMARY KEY,"
                         " node TEXT NOT NULL,"
                         " series TEXT NOT NULL,"
                         " kind INTEGER NOT NULL,"
                         " UNIQUE (node, series))"),
          QStringLiteral("CREATE TABLE metric_points ("
                         " series_id INTEGER NOT NULL REFERENCES metric_series (id),"
                         " tier INTEGER NOT NULL,"
                         " at INTEGER NOT NULL,"
                         " value REAL, min REAL, max REAL,"
                         " PRIMARY KEY (series_id, tier, at)) WITHOUT ROWID"),
          QStringLiteral("CREATE INDEX metric_points_age ON metric_points (tier, at)")}},
    };
    return migrations;
}

} // namespace tusk::state
