-- 17 split the checkpointer out of pg_stat_bgwriter (pg_stat_checkpointer) and dropped
-- buffers_backend (pg_stat_io has it); the names stay those of 12-16 where the meaning is kept.
-- family: pg_stat_bgwriter
-- interval: 5
-- counters: checkpoints_timed checkpoints_req checkpoint_write_time checkpoint_sync_time buffers_checkpoint buffers_clean maxwritten_clean buffers_alloc
SELECT c.num_timed AS checkpoints_timed, c.num_requested AS checkpoints_req, c.write_time AS checkpoint_write_time,
       c.sync_time AS checkpoint_sync_time, c.buffers_written AS buffers_checkpoint,
       b.buffers_clean, b.maxwritten_clean, b.buffers_alloc
FROM pg_stat_checkpointer c, pg_stat_bgwriter b
