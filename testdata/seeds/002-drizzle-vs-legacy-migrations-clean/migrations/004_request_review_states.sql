ALTER TYPE request_status ADD VALUE 'approved';
ALTER TYPE request_status ADD VALUE 'rejected';
