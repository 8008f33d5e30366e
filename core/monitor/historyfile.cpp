#include "monitor/historyfile.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace tusk::monitor {

namespace {
// A gap is stored as NULL: SQLite has no NaN (it would read back as NULL anyway).
QVariant number(double v)
{
    return std::isnan(v) ? QVariant(QMetaType(QMetaType::Double)) : QVariant(v);
}

double numberOf(const QVariant &v)
{
    return v.isNull() ? std::numeric_limits<double>::quiet_NaN() : v.toDouble();
}
} // namespace

qint64 HistoryFile::seriesId(QSqlDatabase &db, const QString &series, int kind, bool create)
{
    if (const auto it = m_ids.constFind(series); it != m_ids.constEnd())
        return *it;
    QSqlQuery q(db);
    if (create) {
        q.prepare(QStringLiteral("INSERT INTO metric_series (node, series, kind) VALUES (?, ?, ?) "
                                 "ON CONFLICT (node, series) DO NOTHING"));
        q.addBindValue(m_node);
        q.addBindValue(series);
        q.addBindValue(kind);
        if (!q.exec())
            return -1;
    }
    q.prepare(QStringLiteral("SELECT id FROM metric_series WHERE node = ? AND series = ?"));
    q.addBindValue(m_node);
    q.addBindValue(series);
    if (!q.exec() || !q.next())
        return -1;
    const qint64 id = q.value(0).toLongLong();
    m_ids.insert(series, id);
    return id;
}

QString HistoryFile::write(QSqlDatabase &db, const std::vector<HistoryRow> &rows)
{
    if (rows.empty())
        return {};
    if (!db.isOpen())
        return QStringLiteral("the state file %1 is not open").arg(db.databaseName());
    if (!db.transaction())
        return db.lastError().text();
    QSqlQuery insert(db);
    insert.prepare(
        QStringLiteral("INSERT OR REPLACE INTO metric_points (series_id, tier, at, value, min, max) "
                       "VALUES (?, ?, ?, ?, ?, ?)"));
    for (const HistoryRow &row : rows) {
        const qint64 id = seriesId(db, row.series, row.kind, true);
        if (id < 0) {
            const QString why = db.lastError().text();
            db.rollback();
            m_ids.clear(); // ids made in the rolled-back transaction are gone
            return why.isEmpty() ? QStringLiteral("cannot name series %1").arg(row.series) : why;
        }
        insert.addBindValue(id);
        insert.addBindValue(row.tier);
        insert.addBindValue(row.point.atMs);
        insert.addBindValue(number(row.point.value));
        insert.addBindValue(number(row.point.min));
        insert.addBindValue(number(row.point.max));
        if (!insert.exec()) {
            const QString why = insert.lastError().text();
            db.rollback();
            m_ids.clear();
            return why;
        }
    }
    if (!db.commit()) {
        const QString why = db.lastError().text();
        db.rollback();
        m_ids.clear();
        return why;
    }
    return {};
}

QString HistoryFile::expire(QSqlDatabase &db, const QList<HistoryTier> &tiers, qint64 nowMs)
{
    QSqlQuery q(db);
    // Every node's points, not only this one's: a node no longer watched still ages out.
    q.prepare(QStringLiteral("DELETE FROM metric_points WHERE tier = ? AND at < ?"));
    for (int tier = 0; tier < tiers.size(); ++tier) {
        q.addBindValue(tier);
        q.addBindValue(nowMs - tiers[tier].retentionMs);
        if (!q.exec())
            return q.lastError().text();
    }
    return {};
}

QList<HistoryPoint> HistoryFile::read(QSqlDatabase &db, const QString &series, int tier, qint64 fromMs,
                                      qint64 toMs)
{
    QList<HistoryPoint> out;
    const qint64 id = seriesId(db, series, 0, false);
    if (id < 0)
        return out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT at, value, min, max FROM metric_points "
                             "WHERE series_id = ? AND tier = ? AND at BETWEEN ? AND ? ORDER BY at"));
    q.addBindValue(id);
    q.addBindValue(tier);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(
            {q.value(0).toLongLong(), numberOf(q.value(1)), numberOf(q.value(2)), numberOf(q.value(3))});
    return out;
}

} // namespace tusk::monitor
