-- Analytics events live in ClickHouse, beside the application's Postgres. -- expect: construct-not-understood@info
CREATE TABLE events (
    id UUID,
    account_id UInt64,
    kind LowCardinality(String),
    payload Nullable(String),
    occurred_at DateTime64(3)
) ENGINE = MergeTree
ORDER BY (account_id, occurred_at);
