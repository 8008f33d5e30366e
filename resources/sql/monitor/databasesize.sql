-- Sizes are expensive (a stat() per file): the ten largest databases by their pg_class pages
-- would still need each database's catalog, so this is this database's size only, every minute.
-- family: pg_database
-- interval: 60
-- labels: datname
-- gauges: size_bytes
SELECT current_database() AS datname, pg_database_size(current_database()) AS size_bytes
