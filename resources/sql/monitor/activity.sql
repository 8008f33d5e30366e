-- Client sessions by database and state, shaped as postgres_exporter's pg_stat_activity so its
-- dashboards keep working: every database times every state, 0 included (a chart shows "no
-- active sessions", not a gap); server-wide is their sum. With how many wait on a lock and the
-- oldest transaction and active query, in seconds (max_tx_duration is the exporter's name).
-- family: pg_stat_activity
-- interval: 1
-- labels: datname state
-- gauges: count waiting max_tx_duration max_query_duration
-- The sessions are counted first and joined to the databases after: joined row by row, every
-- database and state would scan every backend (1,000 databases x 6 states x 200 sessions).
SELECT d.datname, s.state,
       coalesce(a.count, 0) AS count,
       coalesce(a.waiting, 0) AS waiting,
       coalesce(a.max_tx_duration, 0) AS max_tx_duration,
       coalesce(a.max_query_duration, 0) AS max_query_duration
FROM pg_database d
CROSS JOIN (VALUES ('active'), ('idle'), ('idle in transaction'), ('idle in transaction (aborted)'),
                   ('fastpath function call'), ('disabled')) AS s(state)
LEFT JOIN (SELECT datid, state,
                  count(*) AS count,
                  count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting,
                  extract(epoch FROM max(clock_timestamp() - xact_start)) AS max_tx_duration,
                  extract(epoch FROM max(clock_timestamp() - query_start) FILTER (WHERE state = 'active'))
                      AS max_query_duration
           FROM pg_stat_activity
           WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
           GROUP BY datid, state) a
       ON a.datid = d.oid AND a.state = s.state
