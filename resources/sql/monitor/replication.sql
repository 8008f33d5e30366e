-- Streaming standbys seen from this server: lag in bytes (sent/flush/replay behind the current
-- position) and in seconds. pg_wal_lsn_diff is replay_lag_bytes again under postgres_exporter's
-- name (pg_stat_replication_pg_wal_lsn_diff), for its dashboards.
-- family: pg_stat_replication
-- interval: 1
-- labels: application_name client_addr state
-- gauges: sent_lag_bytes flush_lag_bytes replay_lag_bytes write_lag_seconds flush_lag_seconds replay_lag_seconds pg_wal_lsn_diff
SELECT application_name, coalesce(host(client_addr), 'local') AS client_addr, coalesce(state, '') AS state,
       pg_wal_lsn_diff(pg_current_wal_lsn(), sent_lsn) AS sent_lag_bytes,
       pg_wal_lsn_diff(pg_current_wal_lsn(), flush_lsn) AS flush_lag_bytes,
       pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) AS replay_lag_bytes,
       coalesce(extract(epoch FROM write_lag), 0) AS write_lag_seconds,
       coalesce(extract(epoch FROM flush_lag), 0) AS flush_lag_seconds,
       coalesce(extract(epoch FROM replay_lag), 0) AS replay_lag_seconds,
       pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) AS pg_wal_lsn_diff
FROM pg_stat_replication
WHERE NOT pg_is_in_recovery()
