-- Per-database counters (postgres_exporter's pg_stat_database family). Counters become rates in
-- core; a stats reset shows as a gap (stats_reset changes), never as a negative rate.
-- family: pg_stat_database
-- interval: 1
-- labels: datname
-- gauges: numbackends stats_reset_epoch
-- counters: xact_commit xact_rollback blks_read blks_hit tup_returned tup_fetched tup_inserted tup_updated tup_deleted conflicts temp_files temp_bytes deadlocks blk_read_time blk_write_time
SELECT datname, numbackends, xact_commit, xact_rollback, blks_read, blks_hit, tup_returned, tup_fetched,
       tup_inserted, tup_updated, tup_deleted, conflicts, temp_files, temp_bytes, deadlocks,
       blk_read_time, blk_write_time,
       coalesce(extract(epoch FROM stats_reset), 0) AS stats_reset_epoch
FROM pg_stat_database
WHERE datname IS NOT NULL
