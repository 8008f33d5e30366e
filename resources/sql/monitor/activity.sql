-- Client sessions by state, server-wide, with the oldest transaction and query and how many
-- wait on a lock. Every state is always there (0 is a value a chart must show, not a gap);
-- the per-database split is activitybydatabase.
-- family: pg_stat_activity
-- interval: 1
-- labels: state
-- gauges: count waiting max_tx_duration_seconds max_query_duration_seconds
SELECT s.state,
       count(a.pid) AS count,
       count(a.pid) FILTER (WHERE a.wait_event_type = 'Lock') AS waiting,
       coalesce(extract(epoch FROM max(clock_timestamp() - a.xact_start)), 0) AS max_tx_duration_seconds,
       coalesce(extract(epoch FROM max(clock_timestamp() - a.query_start) FILTER (WHERE a.state = 'active')), 0)
           AS max_query_duration_seconds
FROM (VALUES ('active'), ('idle'), ('idle in transaction'), ('idle in transaction (aborted)'),
             ('fastpath function call'), ('disabled')) AS s(state)
LEFT JOIN pg_stat_activity a
       ON a.state = s.state AND a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()
GROUP BY s.state
