-- Checkpoints and background writer, 12-16: one view.
-- family: pg_stat_bgwriter
-- interval: 5
-- counters: checkpoints_timed checkpoints_req checkpoint_write_time checkpoint_sync_time buffers_checkpoint buffers_clean maxwritten_clean buffers_backend buffers_alloc
SELECT checkpoints_timed, checkpoints_req, checkpoint_write_time, checkpoint_sync_time, buffers_checkpoint,
       buffers_clean, maxwritten_clean, buffers_backend, buffers_alloc
FROM pg_stat_bgwriter
