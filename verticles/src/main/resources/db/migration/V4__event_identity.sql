-- Idempotent audit writes (ADR 0003): the ingest-assigned event id of each audited event. A redelivered event
-- finds its row already present and does not get a second one. Nullable, so rows written by other tools stay valid.
ALTER TABLE event_audit_log ADD COLUMN IF NOT EXISTS event_id VARCHAR(64);
CREATE UNIQUE INDEX IF NOT EXISTS uq_event_audit_log_event_id ON event_audit_log (event_id, event_timestamp);
