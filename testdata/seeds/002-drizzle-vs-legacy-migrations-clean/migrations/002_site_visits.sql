CREATE TABLE site_visits (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    date date NOT NULL,
    salesperson text NOT NULL,
    purpose text NOT NULL,
    availability text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz,
    CONSTRAINT check_purpose_valid CHECK (purpose IN ('intro', 'follow_up', 'demo'))
);
