#pragma once

#include "monitor/historypoint.h"

#include <QHash>
#include <QString>

#include <vector>

class QSqlDatabase;

namespace tusk::monitor {

/// A point on its way to the state file.
struct HistoryRow
{
    QString series; ///< MetricValue::seriesKey()
    int kind = 0;   ///< MetricKind
    int tier = 0;   ///< index into the history's tiers
    HistoryPoint point;
};

/// The metric history tables of the state file (statemigrations.cpp, version 2) for one node:
/// `metric_series` names each series once, `metric_points` holds its points per tier. Every
/// method runs on the state database's thread (a SqliteWorker job); the object keeps the series
/// ids it has seen, so it must only ever be used from that one thread.
class HistoryFile
{
public:
    explicit HistoryFile(QString node)
        : m_node(std::move(node))
    {}

    /// Writes the rows in one transaction; returns SQLite's error, empty on success.
    QString write(QSqlDatabase &db, const std::vector<HistoryRow> &rows);
    /// Deletes the points older than each tier's retention.
    QString expire(QSqlDatabase &db, const QList<HistoryTier> &tiers, qint64 nowMs);
    /// The points of a series at a tier in [fromMs, toMs], oldest first.
    QList<HistoryPoint> read(QSqlDatabase &db, const QString &series, int tier, qint64 fromMs, qint64 toMs);

private:
    qint64 seriesId(QSqlDatabase &db, const QString &series, int kind, bool create);

    QString m_node;
    QHash<QString, qint64> m_ids;
};

} // namespace tusk::monitor
