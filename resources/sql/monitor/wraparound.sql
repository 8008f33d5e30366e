-- Transaction ID age per database: autovacuum must freeze before 2^31.
-- family: pg_database_wraparound
-- interval: 30
-- labels: datname
-- gauges: age_datfrozenxid age_datminmxid
SELECT datname, age(datfrozenxid) AS age_datfrozenxid, mxid_age(datminmxid) AS age_datminmxid
FROM pg_database
WHERE datallowconn
