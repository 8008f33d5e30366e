-- Per-statement counters from pg_stat_statements (1.7, PostgreSQL 12), when the extension is
-- installed in the monitoring database. pg_stat_statements(false) leaves the texts out (with
-- them the server reads its whole query-text file on every call); the sampler fetches a text
-- once, for each queryid it has not seen (core/monitor/statementtexts.cpp). Only the top 200
-- by total execution time: 5,000 statements every 10 s would be 65,000 series.
-- family: pg_stat_statements
-- interval: 10
-- requires: pg_stat_statements
-- labels: queryid datname rolname
-- counters: calls exec_time_ms rows shared_blks_hit shared_blks_read shared_blks_dirtied shared_blks_written local_blks_hit local_blks_read temp_blks_read temp_blks_written blk_read_time_ms blk_write_time_ms
SELECT s.queryid::text AS queryid, coalesce(d.datname, s.dbid::text) AS datname,
       coalesce(r.rolname, s.userid::text) AS rolname,
       s.calls, s.total_time AS exec_time_ms, s.rows,
       s.shared_blks_hit, s.shared_blks_read, s.shared_blks_dirtied, s.shared_blks_written,
       s.local_blks_hit, s.local_blks_read, s.temp_blks_read, s.temp_blks_written,
       s.blk_read_time AS blk_read_time_ms, s.blk_write_time AS blk_write_time_ms
FROM pg_stat_statements(false) s
LEFT JOIN pg_database d ON d.oid = s.dbid
LEFT JOIN pg_roles r ON r.oid = s.userid
WHERE s.queryid IS NOT NULL
ORDER BY s.total_time DESC
LIMIT 200
