-- Tables the call, scheduler and billing routes write that no migration had created.
CREATE TABLE IF NOT EXISTS call_outcome_history (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    previous_outcome text,
    outcome text NOT NULL,
    note text,
    changed_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS ai_summaries (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    call_id uuid NOT NULL UNIQUE REFERENCES calls(id) ON DELETE CASCADE,
    ai_run_id uuid REFERENCES ai_runs(id),
    summary text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS usage_stats (
    organization_id uuid NOT NULL REFERENCES organizations(id),
    day date NOT NULL,
    calls integer NOT NULL DEFAULT 0,
    call_seconds integer NOT NULL DEFAULT 0,
    ai_runs integer NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, day)
);

CREATE TABLE IF NOT EXISTS billing_events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    stripe_event_id text NOT NULL UNIQUE,
    organization_id uuid REFERENCES organizations(id),
    type text NOT NULL,
    payload jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
