-- 17 split the checkpointer out of pg_stat_bgwriter (pg_stat_checkpointer) and dropped
-- buffers_backend (pg_stat_io has it); the names stay those of 12-16 where the meaning is kept.
-- family: pg_stat_bgwriter
-- interval: 5
-- counters: checkpoints_timed_total checkpoints_req_total checkpoint_write_time_total checkpoint_sync_time_total buffers_checkpoint_total buffers_clean_total maxwritten_clean_total buffers_alloc_total
SELECT c.num_timed AS checkpoints_timed_total, c.num_requested AS checkpoints_req_total,
       c.write_time AS checkpoint_write_time_total, c.sync_time AS checkpoint_sync_time_total,
       c.buffers_written AS buffers_checkpoint_total, b.buffers_clean AS buffers_clean_total,
       b.maxwritten_clean AS maxwritten_clean_total, b.buffers_alloc AS buffers_alloc_total
FROM pg_stat_checkpointer c, pg_stat_bgwriter b
