-- Locks by database and mode, shaped as postgres_exporter's pg_locks_count (mode in lower case,
-- every mode of every database, 0 included); waiting is how many of them are not granted yet.
-- For a dashboard ($1 false) only the databases holding locks and the one monitored from; for
-- Prometheus every database. Locks outside a database (transaction ids, relations of shared
-- catalogs) are not counted.
-- family: pg_locks
-- interval: 1
-- labels: datname mode
-- gauges: count waiting
-- parameters: every_database
WITH held AS (
    SELECT database, lower(mode) AS mode, count(*) AS count, count(*) FILTER (WHERE NOT granted) AS waiting
    FROM pg_locks
    WHERE database IS NOT NULL AND pid <> pg_backend_pid()
    GROUP BY database, lower(mode)
)
SELECT d.datname, m.mode, coalesce(h.count, 0) AS count, coalesce(h.waiting, 0) AS waiting
FROM pg_database d
CROSS JOIN (VALUES ('accesssharelock'), ('rowsharelock'), ('rowexclusivelock'), ('shareupdateexclusivelock'),
                   ('sharelock'), ('sharerowexclusivelock'), ('exclusivelock'), ('accessexclusivelock'),
                   ('sireadlock')) AS m(mode)
LEFT JOIN held h ON h.database = d.oid AND h.mode = m.mode
WHERE $1::boolean OR d.datname = current_database() OR d.oid IN (SELECT database FROM held)
