-- Expected output of the column editor for a foreign table.
ALTER FOREIGN TABLE IF EXISTS public."ft_$%{}[]"
    ADD COLUMN "col_$%{}" real OPTIONS (column_name 'test') NOT NULL DEFAULT 1;

COMMENT ON COLUMN public."ft_$%{}[]"."col_$%{}" IS 'Comment for alter';
