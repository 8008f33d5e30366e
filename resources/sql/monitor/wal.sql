-- The WAL position as a byte counter (its rate is the WAL rate; on a standby the replay
-- position), for every version.
-- family: pg_wal
-- interval: 1
-- gauges: in_recovery
-- counters: position_bytes
SELECT CASE WHEN pg_is_in_recovery() THEN pg_wal_lsn_diff(coalesce(pg_last_wal_replay_lsn(), '0/0'), '0/0')
            ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') END AS position_bytes,
       pg_is_in_recovery()::int AS in_recovery
