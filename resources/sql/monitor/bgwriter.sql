-- Checkpoints and background writer, 12-16: one view. The names are postgres_exporter's (0.11:
-- pg_stat_bgwriter_checkpoints_timed_total, ...), so its dashboards keep working.
-- family: pg_stat_bgwriter
-- interval: 5
-- counters: checkpoints_timed_total checkpoints_req_total checkpoint_write_time_total checkpoint_sync_time_total buffers_checkpoint_total buffers_clean_total maxwritten_clean_total buffers_backend_total buffers_alloc_total
SELECT checkpoints_timed AS checkpoints_timed_total, checkpoints_req AS checkpoints_req_total,
       checkpoint_write_time AS checkpoint_write_time_total, checkpoint_sync_time AS checkpoint_sync_time_total,
       buffers_checkpoint AS buffers_checkpoint_total, buffers_clean AS buffers_clean_total,
       maxwritten_clean AS maxwritten_clean_total, buffers_backend AS buffers_backend_total,
       buffers_alloc AS buffers_alloc_total
FROM pg_stat_bgwriter
