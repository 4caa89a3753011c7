-- Long-term archive of the event audit log and its helpers (spec SCHEMA.md 6, 7).
CREATE TABLE IF NOT EXISTS event_audit_log_archive (
  id                           BIGSERIAL     PRIMARY KEY,
  event_timestamp              TIMESTAMPTZ   NOT NULL,
  hostname                     VARCHAR(255)  NOT NULL,
  matched_rule_id              INT           NOT NULL,
  handling_decision            VARCHAR(100)  NOT NULL,
  forwarded_to_moog            BOOLEAN       NOT NULL DEFAULT false,
  raw_message                  TEXT,
  archived_at                  TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
  archived_from_partition      VARCHAR(50),
  original_id                  BIGINT,
  original_partition_timestamp TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS idx_audit_archive_timestamp   ON event_audit_log_archive (event_timestamp);
CREATE INDEX IF NOT EXISTS idx_audit_archive_hostname    ON event_audit_log_archive (hostname);
CREATE INDEX IF NOT EXISTS idx_audit_archive_archived_at ON event_audit_log_archive (archived_at);
CREATE INDEX IF NOT EXISTS idx_audit_archive_rule_id     ON event_audit_log_archive (matched_rule_id);

CREATE OR REPLACE FUNCTION delete_old_archives(retention_years INTEGER DEFAULT 7) RETURNS BIGINT AS $$
DECLARE
  n BIGINT;
BEGIN
  DELETE FROM event_audit_log_archive WHERE event_timestamp < NOW() - make_interval(years => retention_years);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION get_archive_statistics() RETURNS TABLE(metric_name TEXT, metric_value TEXT) AS $$
BEGIN
  RETURN QUERY SELECT 'Total Archived Events'::text, COUNT(*)::text FROM event_audit_log_archive;
  RETURN QUERY SELECT 'Oldest Archived Event'::text, MIN(event_timestamp)::text FROM event_audit_log_archive;
  RETURN QUERY SELECT 'Newest Archived Event'::text, MAX(event_timestamp)::text FROM event_audit_log_archive;
  RETURN QUERY SELECT 'Archive Table Size'::text, pg_size_pretty(pg_total_relation_size('event_audit_log_archive'));
  RETURN QUERY SELECT 'Active Events Count'::text, COUNT(*)::text FROM event_audit_log;
  RETURN QUERY SELECT 'Active Table Size'::text,
    pg_size_pretty(COALESCE((SELECT SUM(pg_total_relation_size(i.inhrelid)) FROM pg_inherits i
                              JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'event_audit_log'), 0)::bigint);
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE VIEW partition_health_summary AS
SELECT c.relname::text AS partition_name,
       pg_get_expr(c.relpartbound, c.oid, true) AS partition_range,
       pg_size_pretty(pg_total_relation_size(c.oid)) AS partition_size,
       GREATEST(c.reltuples, 0)::bigint AS row_count_estimate
  FROM pg_inherits i
  JOIN pg_class c ON c.oid = i.inhrelid
  JOIN pg_class p ON p.oid = i.inhparent
 WHERE p.relname = 'event_audit_log'
 ORDER BY c.relname DESC;
