-- Tables for generate-fixtures.sh; idempotent. Synthetic data, deterministic.
select not exists (select from pg_class where relname = 'customers') as fresh \gset
\if :fresh
create table customers(id int primary key, region text, created date, name text);
insert into customers select i, (array['north', 'south', 'east', 'west'])[1 + i % 4],
    date '2020-01-01' + i % 1000, 'c' || i from generate_series(1, 50000) i;
create table orders(id int primary key, customer_id int references customers, qty int, note text);
insert into orders select i, 1 + i % 50000, 1 + i % 7, repeat('x', 20) from generate_series(1, 400000) i;
create index on orders(customer_id);
create table big(id int, grp int, v text, flag bool);
insert into big select i, i % 100, md5(i::text), i % 1000 = 0 from generate_series(1, 500000) i;
create index big_grp on big(grp);
analyze;
\endif

-- Stale statistics: 99% of the rows deleted after the last ANALYZE, autovacuum off, so the
-- planner still believes the old row density.
select not exists (select from pg_class where relname = 'stale') as fresh \gset
\if :fresh
create table stale(id int, k int) with (autovacuum_enabled = off);
insert into stale select i, i % 10 from generate_series(1, 200000) i;
analyze stale;
delete from stale where id > 2000;
\endif
