CREATE TABLE events_by_day (
    day Date,
    account_id UInt64,
    events UInt64
) ENGINE = SummingMergeTree
ORDER BY (day, account_id);
