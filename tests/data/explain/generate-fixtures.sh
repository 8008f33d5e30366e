#!/usr/bin/env bash
# Regenerates the YAML/XML twin fixtures and the warning fixtures of tests/data/explain on a
# throwaway PostgreSQL 15 cluster (see tests/unit/explain/README or core/explain/README.md).
# Usage: generate-fixtures.sh PSQL_CONNINFO   e.g. "host=/tmp/pg port=5498 user=postgres"
# The cluster needs the tables of generate-fixtures.sql (it creates them) and auto_explain.
set -euo pipefail
conn=$1
out=$(cd "$(dirname "$0")" && pwd)
psql=(psql "$conn" -X -q -v ON_ERROR_STOP=1)

"${psql[@]}" -f "$out/generate-fixtures.sql"

# explain NAME SETUP OPTIONS QUERY [TAIL]: the same statement in JSON, YAML and XML, as
# `psql -A -t` prints it (raw output). Data-modifying statements are rolled back so every run
# sees the same table contents.
explain() {
    local name=$1 setup=$2 options=$3 query=$4 tail=${5:-}
    for fmt in json yaml xml; do
        "${psql[@]}" -A -t -c "$setup" -c "begin" -c "explain ($options, format $fmt) $query" \
            -c "${tail:-rollback}" >"$out/$name.$fmt"
    done
}

# A plain EXPLAIN ANALYZE of a warning case, as JSON only.
warn() {
    local name=$1 setup=$2 query=$3
    "${psql[@]}" -A -t -c "$setup" -c "explain (analyze, buffers, verbose, settings, format json) $query" \
        >"$out/$name.json"
}

all="analyze, buffers, verbose, settings, wal"
explain twin-join-agg "set max_parallel_workers_per_gather = 0; set work_mem = '1MB'" "$all" \
    "select c.region, count(*), sum(o.qty) from customers c join orders o on o.customer_id = c.id
     where c.created > '2021-06-01' group by c.region order by 2 desc"
explain twin-parallel "set parallel_setup_cost = 0; set parallel_tuple_cost = 0" "$all" \
    "select grp, count(*), max(v) from big where v like 'a%' group by grp order by grp"
explain twin-insert-triggers "set work_mem = '4MB'" "$all" \
    "insert into orders select 1000000 + i, 1 + i % 50000, 1, 'n' from generate_series(1, 2000) i"
explain twin-cte-subplan "set max_parallel_workers_per_gather = 0" "$all" \
    "with top as materialized (select customer_id, sum(qty) q from orders group by customer_id
     order by q desc limit 10)
     select c.name, t.q, (select count(*) from orders o where o.customer_id = c.id) n
     from top t join customers c on c.id = t.customer_id where c.region <> 'none'"

# Without ANALYZE the three outputs are identical plans, so they must read identically to the
# last property: grouping sets (lists of lists), a One-Time Filter, VERBOSE output lists.
explain twin-costs-grouping-sets "set work_mem = '4MB'" "verbose, settings" \
    "select region, created, count(*) from customers group by grouping sets ((region), (region, created), ())
     union all select 'x', null, 0 from customers where id = 1 and now() < '2000-01-01'"

# psql's default aligned output around a YAML and an XML plan.
for fmt in yaml xml; do
    "${psql[@]}" -c "set max_parallel_workers_per_gather = 0" \
        -c "explain (analyze, buffers, format $fmt) select * from customers where id < 3" \
        >"$out/psql-framed.$fmt"
done

# One plan per analysis warning (and a healthy one that must raise none), as JSON.
noparallel="set max_parallel_workers_per_gather = 0"
warn warn-healthy "$noparallel" "select * from customers where id = 42"
warn warn-hash-batches "$noparallel; set work_mem = '64kB'" \
    "select o.id, c.name from orders o join customers c on c.id = o.customer_id"
warn warn-hashagg-spill "$noparallel; set work_mem = '64kB'; set enable_sort = off; set enable_indexonlyscan = off; set enable_indexscan = off" \
    "select customer_id, count(*) from orders group by customer_id"
warn warn-sort-disk "$noparallel; set work_mem = '64kB'" "select id, v from big order by v"
warn warn-lossy-bitmap "$noparallel; set work_mem = '64kB'; set enable_seqscan = off; set enable_indexscan = off" \
    "select count(*) from big where grp < 50"
warn warn-nested-loop "$noparallel; set enable_hashjoin = off; set enable_mergejoin = off" \
    "select c.name, o.qty from customers c join orders o on o.customer_id = c.id where c.region = 'north'"
warn warn-seqscan-selective "$noparallel" "select id from big where v like 'abc%' and grp > 10"
warn warn-stale-stats "$noparallel" "select count(*) from stale"
warn warn-jit "$noparallel; set jit = on; set jit_above_cost = 0; set jit_inline_above_cost = 0; set jit_optimize_above_cost = 0" \
    "select count(*), sum(qty) from orders where id < 100"
warn warn-workers-not-launched "set max_parallel_workers = 0; set parallel_setup_cost = 0" \
    "select count(*) from big where v like 'a%'"
