ALTER TABLE customer RENAME COLUMN name TO full_name;
ALTER TABLE customer DROP COLUMN fax;
ALTER TABLE purchase_order ALTER COLUMN amount TYPE bigint;
ALTER TABLE purchase_order RENAME TO orders;
