-- Reference schema, regenerated after 042.

CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    email character varying(255) NOT NULL UNIQUE,
    role character varying(20) NOT NULL DEFAULT 'user'::character varying CHECK (role IN ('user', 'admin', 'super_admin')),
    credits integer NOT NULL DEFAULT 0,
    created_at timestamptz DEFAULT now()
);

CREATE TABLE agents (
    id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name character varying(255) NOT NULL,
    bolna_agent_id character varying(255) NOT NULL UNIQUE,
    bolna_config jsonb DEFAULT '{}'::jsonb,
    is_active boolean DEFAULT true
);

CREATE TABLE calls (
    id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    bolna_conversation_id character varying(255) NOT NULL,
    bolna_execution_id character varying(255) NOT NULL UNIQUE,
    phone_number character varying(50) NOT NULL,
    duration_minutes integer DEFAULT 0,
    status character varying(20) DEFAULT 'in_progress'::character varying
);

CREATE TABLE contacts (
    id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name character varying(255) NOT NULL,
    phone_number character varying(50) NOT NULL,
    not_connected integer NOT NULL DEFAULT 0
);

CREATE TABLE phone_numbers (
    id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    phone_number character varying(50) NOT NULL,
    bolna_phone_number_id character varying(255) NOT NULL UNIQUE,
    created_at timestamptz DEFAULT now()
);

CREATE INDEX idx_calls_user_id ON calls USING btree (user_id);
CREATE INDEX idx_phone_numbers_user_id ON phone_numbers USING btree (user_id);
CREATE INDEX idx_contacts_not_connected ON contacts USING btree (not_connected) WHERE (not_connected > 0);
