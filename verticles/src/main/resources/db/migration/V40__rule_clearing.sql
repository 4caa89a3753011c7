-- Clearing and flap suppression (ADR 0038): a rule may name the pattern of the events that clear its alerts,
-- the pattern that captures the key (an interface name, say) and its own flapping limits (NULL: the global
-- FLAP_THRESHOLD, FLAP_WINDOW_MINUTES, FLAP_STABLE_MINUTES).
ALTER TABLE alert_rules ADD COLUMN IF NOT EXISTS clear_pattern       VARCHAR(1000) NULL;
ALTER TABLE alert_rules ADD COLUMN IF NOT EXISTS clear_key           VARCHAR(1000) NULL;
ALTER TABLE alert_rules ADD COLUMN IF NOT EXISTS flap_threshold      INT           NULL;
ALTER TABLE alert_rules ADD COLUMN IF NOT EXISTS flap_window_minutes INT           NULL;
ALTER TABLE alert_rules ADD COLUMN IF NOT EXISTS flap_stable_minutes INT           NULL;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'chk_rule_clearing') THEN
    ALTER TABLE alert_rules ADD CONSTRAINT chk_rule_clearing CHECK (
      (flap_threshold IS NULL OR flap_threshold BETWEEN 0 AND 1000)
      AND (flap_window_minutes IS NULL OR flap_window_minutes BETWEEN 1 AND 10080)
      AND (flap_stable_minutes IS NULL OR flap_stable_minutes BETWEEN 1 AND 10080)
      AND (clear_pattern IS NOT NULL OR (clear_key IS NULL AND flap_threshold IS NULL
           AND flap_window_minutes IS NULL AND flap_stable_minutes IS NULL)));
  END IF;
END $$;
