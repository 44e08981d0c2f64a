-- Never applied in production: the runner stopped at 007.
CREATE INDEX IF NOT EXISTS idx_pipedrive_submissions_request_id ON pipedrive_submissions (request_id);
CREATE INDEX IF NOT EXISTS idx_pipedrive_submissions_simulated_deal_id ON pipedrive_submissions (simulated_deal_id);
