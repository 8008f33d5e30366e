-- pg_stat_statements 1.9 (PostgreSQL 14): a statement run inside a function is its own entry
-- (toplevel false), and pg_stat_statements_info says when all of it was last reset (a reset
-- is a gap, even when a counter grew past its old value since).
-- See statements.sql for why there are no texts and only the top 200.
-- family: pg_stat_statements
-- interval: 10
-- requires: pg_stat_statements
-- labels: queryid datname rolname toplevel
-- gauges: stats_reset_epoch
-- counters: calls exec_time_ms plans plan_time_ms rows shared_blks_hit shared_blks_read shared_blks_dirtied shared_blks_written local_blks_hit local_blks_read temp_blks_read temp_blks_written blk_read_time_ms blk_write_time_ms wal_records wal_fpi wal_bytes
SELECT s.queryid::text AS queryid, coalesce(d.datname, s.dbid::text) AS datname,
       coalesce(r.rolname, s.userid::text) AS rolname, s.toplevel::text AS toplevel,
       coalesce(extract(epoch FROM i.stats_reset), 0) AS stats_reset_epoch,
       s.calls, s.total_exec_time AS exec_time_ms, s.plans, s.total_plan_time AS plan_time_ms, s.rows,
       s.shared_blks_hit, s.shared_blks_read, s.shared_blks_dirtied, s.shared_blks_written,
       s.local_blks_hit, s.local_blks_read, s.temp_blks_read, s.temp_blks_written,
       s.blk_read_time AS blk_read_time_ms, s.blk_write_time AS blk_write_time_ms,
       s.wal_records, s.wal_fpi, s.wal_bytes
FROM pg_stat_statements(false) s
CROSS JOIN pg_stat_statements_info i
LEFT JOIN pg_database d ON d.oid = s.dbid
LEFT JOIN pg_roles r ON r.oid = s.userid
WHERE s.queryid IS NOT NULL
ORDER BY s.total_exec_time DESC
LIMIT 200
