ALTER TABLE orders ADD COLUMN status varchar(16) NOT NULL DEFAULT 'new';
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'pending';
DROP INDEX purchase_order_customer_idx;
CREATE INDEX orders_customer_idx ON orders (customer_id);
