-- Client sessions by database and state, shaped as postgres_exporter's pg_stat_activity so its
-- dashboards keep working: every database times every state, 0 included (a chart shows "no
-- active sessions", not a gap); server-wide is their sum. For a dashboard ($1 false) only the
-- databases with sessions and the one monitored from (which gives every state its zero). With
-- how many wait on a lock and the oldest transaction and active query, in seconds
-- (max_tx_duration is the exporter's name).
-- family: pg_stat_activity
-- interval: 1
-- labels: datname state
-- gauges: count waiting max_tx_duration max_query_duration
-- parameters: every_database
-- The sessions are read once and counted before they meet the databases: joined row by row,
-- every database and state would scan every backend (1,000 databases x 6 states x 200 sessions).
WITH sessions AS MATERIALIZED (
    SELECT datid, state, wait_event_type, xact_start, query_start
    FROM pg_stat_activity
    WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
), counted AS (
    SELECT datid, state,
           count(*) AS count,
           count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting,
           extract(epoch FROM max(clock_timestamp() - xact_start)) AS max_tx_duration,
           extract(epoch FROM max(clock_timestamp() - query_start) FILTER (WHERE state = 'active'))
               AS max_query_duration
    FROM sessions
    GROUP BY datid, state
)
SELECT d.datname, s.state,
       coalesce(a.count, 0) AS count,
       coalesce(a.waiting, 0) AS waiting,
       coalesce(a.max_tx_duration, 0) AS max_tx_duration,
       coalesce(a.max_query_duration, 0) AS max_query_duration
FROM pg_database d
CROSS JOIN (VALUES ('active'), ('idle'), ('idle in transaction'), ('idle in transaction (aborted)'),
                   ('fastpath function call'), ('disabled')) AS s(state)
LEFT JOIN counted a ON a.datid = d.oid AND a.state = s.state
WHERE $1::boolean OR d.datname = current_database() OR d.oid IN (SELECT datid FROM sessions)
