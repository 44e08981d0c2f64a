ALTER TABLE flow_metrics_config ADD COLUMN warning_threshold_days integer;
ALTER TABLE flow_metrics_config ADD COLUMN critical_threshold_days integer;
COMMENT ON COLUMN flow_metrics_config.warning_threshold_days IS 'Days in stage before a warning';
