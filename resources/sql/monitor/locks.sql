-- Locks by mode, granted or waiting.
-- family: pg_locks
-- interval: 1
-- labels: mode granted
-- gauges: count
SELECT mode, CASE WHEN granted THEN 'true' ELSE 'false' END AS granted, count(*) AS count
FROM pg_locks
WHERE pid <> pg_backend_pid()
GROUP BY 1, 2
