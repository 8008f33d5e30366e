-- a leading comment is not part of the statement
SELECT 'it''s; not the end', E'escaped \' ; quote', "odd;name" FROM t; /* block ; comment */
SELECT 1 /* nested /* comment ; */ still comment */ + 2;
SELECT U&'d\0061t\+000061' AS unicode, B'1010', X'ff';
/*+ SeqScan(t) */ SELECT * FROM t WHERE a = 1;
SELECT 'no terminator at the end'
