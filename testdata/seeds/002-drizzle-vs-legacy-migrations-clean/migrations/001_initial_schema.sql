-- Requests raised by the sales team.
CREATE TYPE request_status AS ENUM ('draft', 'submitted');

CREATE TABLE requests (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    request_id text NOT NULL UNIQUE,
    status request_status NOT NULL DEFAULT 'draft',
    mine_group text,
    mine_name text,
    salesperson text NOT NULL,
    line_items jsonb NOT NULL DEFAULT '[]'::jsonb,
    contact jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT requests_salesperson_selection_check CHECK (salesperson <> '')
);
