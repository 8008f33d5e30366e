-- Sessions by database and state (groups that have sessions only), with the oldest transaction and query of each group and how
-- many wait on a lock. One scan of pg_stat_activity; client backends only.
-- family: pg_stat_activity_by_database
-- interval: 1
-- labels: datname state
-- gauges: count waiting max_tx_duration_seconds max_query_duration_seconds
SELECT coalesce(datname, '') AS datname,
       coalesce(state, 'unknown') AS state,
       count(*) AS count,
       count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting,
       coalesce(extract(epoch FROM max(clock_timestamp() - xact_start)), 0) AS max_tx_duration_seconds,
       coalesce(extract(epoch FROM max(clock_timestamp() - query_start) FILTER (WHERE state = 'active')), 0)
           AS max_query_duration_seconds
FROM pg_stat_activity
WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
GROUP BY 1, 2
