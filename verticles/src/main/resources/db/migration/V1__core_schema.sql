-- MUTT core schema (spec SCHEMA.md 1-4, 7): rules, development hosts, teams, the partitioned event audit log.
CREATE TABLE IF NOT EXISTS alert_rules (
  id               SERIAL        PRIMARY KEY,
  match_string     VARCHAR(255)  NULL,
  trap_oid         VARCHAR(255)  NULL,
  syslog_severity  INT           NULL,
  match_type       VARCHAR(20)   NOT NULL DEFAULT 'contains',
  priority         INT           NOT NULL DEFAULT 100,
  prod_handling    VARCHAR(100)  NOT NULL,
  dev_handling     VARCHAR(100)  NOT NULL,
  team_assignment  VARCHAR(100)  NOT NULL,
  is_active        BOOLEAN       NOT NULL DEFAULT true,
  CONSTRAINT alert_rules_match_type_check CHECK (match_type IN ('contains','regex','oid_prefix')),
  CONSTRAINT chk_match_criteria  CHECK (match_string IS NOT NULL OR trap_oid IS NOT NULL),
  CONSTRAINT chk_syslog_severity CHECK (syslog_severity IS NULL OR syslog_severity BETWEEN 0 AND 7)
);
CREATE INDEX IF NOT EXISTS idx_alert_rules_match_type ON alert_rules (match_type);
CREATE INDEX IF NOT EXISTS idx_alert_rules_is_active  ON alert_rules (is_active);

CREATE TABLE IF NOT EXISTS development_hosts (
  hostname VARCHAR(255) PRIMARY KEY
);

CREATE TABLE IF NOT EXISTS device_teams (
  hostname        VARCHAR(255) PRIMARY KEY,
  team_assignment VARCHAR(100) NOT NULL
);

CREATE TABLE IF NOT EXISTS event_audit_log (
  id                 BIGSERIAL     NOT NULL,
  event_timestamp    TIMESTAMPTZ   NOT NULL,
  hostname           VARCHAR(255)  NOT NULL,
  matched_rule_id    INT           NOT NULL,
  handling_decision  VARCHAR(100)  NOT NULL,
  forwarded_to_moog  BOOLEAN       NOT NULL DEFAULT false,
  raw_message        TEXT,
  PRIMARY KEY (id, event_timestamp)
) PARTITION BY RANGE (event_timestamp);

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'fk_event_audit_matched_rule') THEN
    ALTER TABLE event_audit_log
      ADD CONSTRAINT fk_event_audit_matched_rule
      FOREIGN KEY (matched_rule_id) REFERENCES alert_rules(id) ON DELETE RESTRICT;
  END IF;
END $$;

CREATE INDEX IF NOT EXISTS idx_audit_log_timestamp ON event_audit_log (event_timestamp);
CREATE INDEX IF NOT EXISTS idx_audit_log_hostname  ON event_audit_log (hostname);
CREATE INDEX IF NOT EXISTS idx_audit_log_rule_id   ON event_audit_log (matched_rule_id);

CREATE OR REPLACE FUNCTION create_monthly_partition(start_date DATE) RETURNS void AS $$
DECLARE
  month_start DATE := date_trunc('month', start_date)::date;
  partition_name TEXT := 'event_audit_log_' || TO_CHAR(month_start, 'YYYY_MM');
BEGIN
  EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF event_audit_log FOR VALUES FROM (%L) TO (%L)',
                 partition_name, month_start, (month_start + INTERVAL '1 month')::date);
  RAISE NOTICE 'partition % ensured', partition_name;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION drop_old_partitions(retention_months INTEGER) RETURNS void AS $$
DECLARE
  cutoff DATE := (date_trunc('month', CURRENT_DATE) - make_interval(months => retention_months))::date;
  part RECORD;
  part_month DATE;
BEGIN
  FOR part IN
    SELECT c.relname FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname = 'event_audit_log'
  LOOP
    BEGIN
      part_month := to_date(right(part.relname, 7), 'YYYY_MM');
    EXCEPTION WHEN others THEN
      RAISE NOTICE 'skipping %', part.relname;
      CONTINUE;
    END;
    IF part_month < cutoff THEN
      EXECUTE format('DROP TABLE IF EXISTS %I', part.relname);
    END IF;
  END LOOP;
END;
$$ LANGUAGE plpgsql;
