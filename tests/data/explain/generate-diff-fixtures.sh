#!/usr/bin/env bash
# Regenerates the plan-diff fixtures (tests/data/explain/diff-*-before.json / -after.json) on a
# throwaway PostgreSQL 15 cluster: the same statement before and after one change (an index, a
# setting, partition pruning, a forced join order). See core/explain/README.md, "Plan diff".
# Usage: generate-diff-fixtures.sh PSQL_CONNINFO   e.g. "host=/tmp/pg port=5497 user=postgres"
set -euo pipefail
conn=$1
out=$(cd "$(dirname "$0")" && pwd)
psql=(psql "$conn" -X -q -v ON_ERROR_STOP=1)

"${psql[@]}" -f "$out/generate-diff-fixtures.sql"

# plan FILE SETUP QUERY: EXPLAIN (ANALYZE, BUFFERS, SETTINGS) as JSON, as `psql -A -t` prints it.
plan() {
    local file=$1 setup=$2 query=$3
    "${psql[@]}" -A -t -c "set search_path = plandiff; set max_parallel_workers_per_gather = 0; $setup" \
        -c "explain (analyze, buffers, settings, format json) $query" >"$out/$file"
}

# pair NAME SETUP_BEFORE SETUP_AFTER QUERY
pair() {
    plan "diff-$1-before.json" "$2" "$4"
    plan "diff-$1-after.json" "$3" "$4"
}

join="select c.name, o.qty, o.created from customers c join orders o on o.customer_id = c.id
      where c.id between 100 and 140"

# CREATE INDEX: a Seq Scan of orders becomes an index scan, the Hash Join a Nested Loop.
"${psql[@]}" -c "drop index if exists plandiff.orders_customer_idx"
plan diff-index-before.json "" "$join"
"${psql[@]}" -c "create index orders_customer_idx on plandiff.orders(customer_id)" -c "analyze plandiff.orders"
plan diff-index-after.json "" "$join"

# The same join with hash joins off (the index is there now).
pair hashjoin "" "set enable_hashjoin = off" \
    "select c.region, sum(o.qty) from customers c join orders o on o.customer_id = c.id group by c.region"

# work_mem: a sort and a hash spilling to disk with 64kB, in memory with 256MB.
pair workmem "set work_mem = '256MB'" "set work_mem = '64kB'" \
    "select o.customer_id, count(*), sum(l.amount) from orders o join lines l on l.order_id = o.id
     group by o.customer_id order by 3 desc limit 20"

# Partition pruning off (every month scanned) and on (one partition, no Append left).
pair pruning "set enable_partition_pruning = off" "set enable_partition_pruning = on" \
    "select kind, count(*) from events where at >= date '2024-03-01' and at < date '2024-04-01' group by kind"

# Join order: the planner's choice, then the order as written (join_collapse_limit = 1).
pair joinorder "" "set join_collapse_limit = 1" \
    "select p.name, sum(l.amount) from lines l join orders o on o.id = l.order_id
     join products p on p.id = l.product_id join customers c on c.id = o.customer_id
     where c.region = 'north' and p.price < 5 group by p.name"

# Two runs of the same statement (same plan, other timings), and two unrelated statements.
pair rerun "" "" "select region, count(*) from customers group by region"

plan diff-unrelated-before.json "" "select count(*) from events where kind = 'buy'"
plan diff-unrelated-after.json "" "select p.name from products p where p.id in (select product_id from lines where amount = 4) order by 1 limit 5"

# CREATE INDEX on a partitioned table: every partition's Seq Scan becomes an index scan.
"${psql[@]}" -c "drop index if exists plandiff.events_id_idx"
plan diff-partindex-before.json "" "select * from events where id = 4242"
"${psql[@]}" -c "create index events_id_idx on plandiff.events(id)" -c "analyze plandiff.events"
plan diff-partindex-after.json "" "select * from events where id = 4242"
"${psql[@]}" -c "drop index plandiff.events_id_idx"

# Parallel query on: the scan becomes a Parallel Seq Scan under a Gather Merge, the aggregate
# splits into Partial and Finalize.
pair parallel "" "set max_parallel_workers_per_gather = 2; set parallel_setup_cost = 0; set parallel_tuple_cost = 0" \
    "select o.created, count(*), sum(o.qty) from orders o where o.note like 'x%' and o.qty > 2 group by o.created order by 1"
