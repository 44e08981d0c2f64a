CREATE TABLE flow_metrics_config (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    metric_key text NOT NULL UNIQUE,
    label text NOT NULL,
    sort_order integer NOT NULL DEFAULT 0,
    is_active boolean NOT NULL DEFAULT true
);

CREATE TABLE canonical_stage_mappings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    metric_config_id uuid NOT NULL REFERENCES flow_metrics_config(id) ON DELETE CASCADE,
    canonical_stage text NOT NULL,
    start_stage text,
    end_stage text,
    start_stage_id bigint,
    end_stage_id bigint,
    updated_at timestamptz NOT NULL DEFAULT now()
);
