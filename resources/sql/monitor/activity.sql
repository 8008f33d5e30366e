-- Client sessions by database and state, shaped as postgres_exporter's pg_stat_activity so its
-- dashboards keep working: every database times every state, 0 included (a chart shows "no
-- active sessions", not a gap); server-wide is their sum. With how many wait on a lock and the
-- oldest transaction and active query, in seconds (max_tx_duration is the exporter's name).
-- family: pg_stat_activity
-- interval: 1
-- labels: datname state
-- gauges: count waiting max_tx_duration max_query_duration
SELECT d.datname, s.state,
       count(a.pid) AS count,
       count(a.pid) FILTER (WHERE a.wait_event_type = 'Lock') AS waiting,
       coalesce(extract(epoch FROM max(clock_timestamp() - a.xact_start)), 0) AS max_tx_duration,
       coalesce(extract(epoch FROM max(clock_timestamp() - a.query_start) FILTER (WHERE a.state = 'active')), 0)
           AS max_query_duration
FROM pg_database d
CROSS JOIN (VALUES ('active'), ('idle'), ('idle in transaction'), ('idle in transaction (aborted)'),
                   ('fastpath function call'), ('disabled')) AS s(state)
LEFT JOIN pg_stat_activity a
       ON a.datid = d.oid AND a.state = s.state AND a.backend_type = 'client backend'
      AND a.pid <> pg_backend_pid()
GROUP BY d.datname, s.state
