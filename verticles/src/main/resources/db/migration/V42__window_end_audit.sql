-- The end of each maintenance-window occurrence is audited (operation 'END', table_name 'maintenance_windows'):
-- events suppressed during a window are not replayed when it ends (docs/reference/noise.md).
ALTER TABLE config_audit_log DROP CONSTRAINT IF EXISTS config_audit_log_operation_check;
ALTER TABLE config_audit_log ADD CONSTRAINT config_audit_log_operation_check
  CHECK (operation IN ('CREATE','UPDATE','DELETE','END'));
