-- Run outside a transaction: CONCURRENTLY keeps orders writable while the indexes change.
-- Order history pages filter by customer first; the plain placed_at index went unused.
CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_customer_placed ON orders (customer_id, placed_at DESC);
DROP INDEX CONCURRENTLY IF EXISTS ix_orders_placed;
