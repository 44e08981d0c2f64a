-- Voice calling workers: schema for Neon Postgres.
-- Generated with pg_dump --schema-only on 2025-12-18.

CREATE TABLE organizations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    created_by uuid,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL UNIQUE,
    name text
);

CREATE TABLE calls (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations(id),
    status text NOT NULL DEFAULT 'queued',
    started_at timestamptz,
    ended_at timestamptz
);

CREATE TABLE ai_runs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    call_id uuid REFERENCES calls(id) ON DELETE CASCADE,
    model text NOT NULL,
    output jsonb
);

CREATE INDEX idx_calls_organization ON calls (organization_id);
