-- AUDIT_UNHANDLED: events that matched no rule may be audited too (matched_rule_id NULL, handling_decision
-- 'unhandled'), so that a backtest can replay them (docs/adr/0029).
ALTER TABLE event_audit_log ALTER COLUMN matched_rule_id DROP NOT NULL;
ALTER TABLE event_audit_log_archive ALTER COLUMN matched_rule_id DROP NOT NULL;
