\set ON_ERROR_STOP on
\timing
SELECT 1 \g
SELECT 2 \gx
SELECT 3; \echo done
SELECT 4 \; SELECT 5;
\i other.sql
