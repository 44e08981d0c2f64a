CREATE INDEX idx_requests_created_at ON requests (created_at);
CREATE INDEX idx_requests_status ON requests (status);
CREATE INDEX idx_requests_line_items_gin ON requests USING gin (line_items);
