-- Voice calling workers: schema for Neon Postgres.
-- Regenerated with pg_dump --schema-only after 2026-02-04-schema-alignment-comprehensive.sql.

CREATE TABLE organizations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    created_by uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz DEFAULT now(),
    slug text
);

CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL UNIQUE,
    name text,
    password_hash text,
    organization_id uuid REFERENCES organizations(id),
    role text NOT NULL DEFAULT 'member'::text,
    is_admin boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    normalized_email text
);

CREATE TABLE calls (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations(id),
    status text NOT NULL DEFAULT 'queued'::text,
    started_at timestamptz,
    ended_at timestamptz,
    phone_number text,
    from_number text,
    direction text DEFAULT 'outbound'::text,
    flow_type text,
    user_id uuid REFERENCES users(id),
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE ai_runs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    call_id uuid REFERENCES calls(id) ON DELETE CASCADE,
    model text NOT NULL,
    output jsonb,
    organization_id uuid,
    error text,
    assemblyai_status text,
    purpose text,
    input jsonb,
    created_at timestamptz DEFAULT now(),
    updated_at timestamptz DEFAULT now()
);

CREATE TABLE call_outcomes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    outcome text NOT NULL,
    declared_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE call_outcome_history (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    previous_outcome text,
    outcome text NOT NULL,
    note text,
    changed_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ai_summaries (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    call_id uuid NOT NULL UNIQUE REFERENCES calls(id) ON DELETE CASCADE,
    ai_run_id uuid REFERENCES ai_runs(id),
    summary text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE usage_stats (
    organization_id uuid NOT NULL REFERENCES organizations(id),
    day date NOT NULL,
    calls integer NOT NULL DEFAULT 0,
    call_seconds integer NOT NULL DEFAULT 0,
    ai_runs integer NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, day)
);

CREATE TABLE billing_events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    stripe_event_id text NOT NULL UNIQUE,
    organization_id uuid REFERENCES organizations(id),
    type text NOT NULL,
    payload jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_calls_organization ON calls (organization_id);
CREATE UNIQUE INDEX idx_users_normalized_email ON users USING btree (normalized_email);
