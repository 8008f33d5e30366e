-- What the active client sessions wait on right now, by wait event; an active session without
-- a wait event is on the CPU (or about to be). Sampled every tick, these counts are the
-- "active sessions by wait" chart; idle sessions are not counted (ClientRead is not a problem).
-- family: pg_stat_activity_wait
-- interval: 1
-- labels: wait_event_type wait_event
-- gauges: count
SELECT coalesce(wait_event_type, 'CPU') AS wait_event_type, coalesce(wait_event, 'CPU') AS wait_event,
       count(*) AS count
FROM pg_stat_activity
WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()
GROUP BY 1, 2
