CREATE TABLE flow_metrics (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    metric_config_id uuid NOT NULL REFERENCES flow_metrics_config(id),
    deal_id bigint NOT NULL,
    value_days numeric(10, 2),
    computed_at timestamptz NOT NULL DEFAULT now()
);
