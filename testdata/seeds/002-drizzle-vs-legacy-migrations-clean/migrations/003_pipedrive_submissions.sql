CREATE TABLE pipedrive_submissions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    request_id uuid NOT NULL REFERENCES requests(id),
    simulated_deal_id integer,
    created_at timestamptz NOT NULL DEFAULT now()
);
