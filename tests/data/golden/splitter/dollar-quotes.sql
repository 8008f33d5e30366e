CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'semicolons; inside; a body';
  RETURN 1;
END $$;
DO $body$ BEGIN PERFORM $x$;$x$; END $body$;
SELECT $1, $tag$ a $ b ; $tag$;
