-- Billing service schema (Postgres), maintained by hand.
CREATE EXTENSION IF NOT EXISTS citext;

CREATE SCHEMA IF NOT EXISTS billing;

CREATE TYPE invoice_status AS ENUM ('draft', 'open', 'paid', 'void');
CREATE TYPE billing.currency AS ENUM ('eur', 'usd');

CREATE TABLE IF NOT EXISTS public."Accounts" (
    id bigserial PRIMARY KEY,
    "DisplayName" varchar(120) NOT NULL,
    email citext NOT NULL,
    tags text[] DEFAULT '{}'::text[],
    settings jsonb NOT NULL DEFAULT '{}'::jsonb,
    balance numeric(12, 2) NOT NULL DEFAULT 0.00,
    is_active bool NOT NULL DEFAULT true,
    created_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT accounts_email_key UNIQUE (email)
);

CREATE TABLE billing.invoices (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    account_id int8 NOT NULL,
    number integer GENERATED ALWAYS AS IDENTITY,
    status invoice_status NOT NULL DEFAULT 'draft',
    currency billing.currency NOT NULL,
    total numeric(12,2) CHECK (total >= 0),
    issued_on date,
    due_at timestamptz,
    pdf bytea,
    CONSTRAINT invoices_pkey PRIMARY KEY (id),
    CONSTRAINT invoices_account_fk FOREIGN KEY (account_id)
        REFERENCES public."Accounts"(id) ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE UNIQUE INDEX invoices_account_number_idx ON billing.invoices (account_id, number);
CREATE INDEX invoices_open_due_idx ON billing.invoices USING btree (due_at) WHERE status = 'open';
CREATE INDEX accounts_settings_idx ON "Accounts" USING gin (settings);
CREATE INDEX accounts_lower_email_idx ON "Accounts" (lower(email::text));

COMMENT ON TABLE billing.invoices IS 'One row per issued invoice';
COMMENT ON COLUMN billing.invoices.total IS 'Sum of lines, tax included';

CREATE VIEW billing.open_invoices AS SELECT * FROM billing.invoices WHERE status = 'open';

CREATE FUNCTION billing.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.due_at := coalesce(NEW.due_at, now() + interval '30 days');
  RETURN NEW;
END $$;

CREATE TRIGGER invoices_touch BEFORE INSERT ON billing.invoices FOR EACH ROW EXECUTE FUNCTION billing.touch();

ALTER TABLE billing.invoices ENABLE ROW LEVEL SECURITY;
CREATE POLICY invoices_by_account ON billing.invoices USING (account_id = current_setting('app.account')::bigint);
GRANT SELECT ON ALL TABLES IN SCHEMA billing TO PUBLIC;
