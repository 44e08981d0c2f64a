-- Columns the call routes have been writing since the WebRTC launch.
ALTER TABLE calls ADD COLUMN IF NOT EXISTS phone_number text; -- expect: schema-dump-stale
ALTER TABLE calls ADD COLUMN IF NOT EXISTS from_number text; -- expect: schema-dump-stale
ALTER TABLE calls ADD COLUMN IF NOT EXISTS direction text DEFAULT 'outbound'; -- expect: schema-dump-stale
ALTER TABLE calls ADD COLUMN IF NOT EXISTS flow_type text; -- expect: schema-dump-stale
ALTER TABLE calls ADD COLUMN IF NOT EXISTS user_id uuid REFERENCES users(id); -- expect: schema-dump-stale, schema-dump-stale
ALTER TABLE calls ADD COLUMN IF NOT EXISTS created_at timestamptz DEFAULT now(); -- expect: schema-dump-stale
ALTER TABLE calls ADD COLUMN IF NOT EXISTS updated_at timestamptz DEFAULT now(); -- expect: schema-dump-stale

ALTER TABLE organizations ADD COLUMN IF NOT EXISTS updated_at timestamptz DEFAULT now(); -- expect: schema-dump-stale
ALTER TABLE organizations ADD COLUMN IF NOT EXISTS slug text; -- expect: schema-dump-stale

ALTER TABLE ai_runs ADD COLUMN IF NOT EXISTS organization_id uuid; -- expect: schema-dump-stale
ALTER TABLE ai_runs ADD COLUMN IF NOT EXISTS error text; -- expect: schema-dump-stale
ALTER TABLE ai_runs ADD COLUMN IF NOT EXISTS assemblyai_status text; -- expect: schema-dump-stale
ALTER TABLE ai_runs ADD COLUMN IF NOT EXISTS purpose text; -- expect: schema-dump-stale
ALTER TABLE ai_runs ADD COLUMN IF NOT EXISTS input jsonb; -- expect: schema-dump-stale
ALTER TABLE ai_runs ADD COLUMN IF NOT EXISTS created_at timestamptz DEFAULT now(); -- expect: schema-dump-stale
ALTER TABLE ai_runs ADD COLUMN IF NOT EXISTS updated_at timestamptz DEFAULT now(); -- expect: schema-dump-stale

CREATE TABLE IF NOT EXISTS call_outcomes ( -- expect: schema-dump-stale
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    outcome text NOT NULL,
    declared_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER calls_updated_at BEFORE UPDATE ON calls
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
