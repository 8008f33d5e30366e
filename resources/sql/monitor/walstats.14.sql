-- pg_stat_wal (14+): records, full-page images, bytes, and when WAL buffers were full.
-- family: pg_stat_wal
-- interval: 5
-- counters: wal_records wal_fpi wal_bytes wal_buffers_full
SELECT wal_records, wal_fpi, wal_bytes, wal_buffers_full FROM pg_stat_wal
