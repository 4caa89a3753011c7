-- Alert coalescing (ADR 0016): the event whose alert this event's alert was folded into, when it arrived inside
-- an open coalescing window; NULL when its own alert was sent (or it raised none). Nullable, so older rows and
-- rows written by other tools stay valid.
ALTER TABLE event_audit_log ADD COLUMN IF NOT EXISTS coalesced_into VARCHAR(64);
