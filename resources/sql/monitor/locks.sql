-- Locks by database and mode, shaped as postgres_exporter's pg_locks_count (mode in lower case,
-- every mode of every database, 0 included); waiting is how many of them are not granted yet.
-- Locks outside a database (transaction ids, relations of shared catalogs) are not counted.
-- family: pg_locks
-- interval: 1
-- labels: datname mode
-- gauges: count waiting
SELECT d.datname, m.mode, count(l.mode) AS count, count(l.mode) FILTER (WHERE NOT l.granted) AS waiting
FROM pg_database d
CROSS JOIN (VALUES ('accesssharelock'), ('rowsharelock'), ('rowexclusivelock'), ('shareupdateexclusivelock'),
                   ('sharelock'), ('sharerowexclusivelock'), ('exclusivelock'), ('accessexclusivelock'),
                   ('sireadlock')) AS m(mode)
LEFT JOIN pg_locks l ON l.database = d.oid AND lower(l.mode) = m.mode AND l.pid <> pg_backend_pid()
GROUP BY d.datname, m.mode
