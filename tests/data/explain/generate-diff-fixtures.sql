-- Tables for generate-diff-fixtures.sh (schema plandiff); idempotent. Synthetic, deterministic.
select not exists (select from pg_namespace where nspname = 'plandiff') as fresh \gset
\if :fresh
create schema plandiff;
set search_path = plandiff;
create table customers(id int primary key, region text, name text);
insert into customers select i, (array['north', 'south', 'east', 'west'])[1 + i % 4], 'c' || i
    from generate_series(1, 20000) i;
-- No index on customer_id: the "before" of the CREATE INDEX pair.
create table orders(id int primary key, customer_id int, qty int, created date, note text);
insert into orders select i, 1 + ((i::bigint * 7919) % 20000)::int, 1 + i % 7, date '2024-01-01' + i % 365,
    repeat('x', 40) from generate_series(1, 300000) i;
create table products(id int primary key, name text, price numeric);
insert into products select i, 'p' || i, i % 100 from generate_series(1, 2000) i;
create table lines(order_id int, product_id int, amount int);
insert into lines select 1 + i % 300000, 1 + i % 2000, i % 5 from generate_series(1, 600000) i;
create table events(id int, at date, kind text, payload text) partition by range (at);
do $$
begin
    for m in 1..12 loop
        execute format('create table events_%s partition of events for values from (%L) to (%L)',
                       lpad(m::text, 2, '0'), make_date(2024, m, 1), make_date(2024, m, 1) + interval '1 month');
    end loop;
end $$;
insert into events select i, date '2024-01-01' + i % 366, (array['click', 'view', 'buy'])[1 + i % 3],
    md5(i::text) from generate_series(1, 240000) i;
analyze;
\endif
