-- Noise control (ADR 0027): maintenance windows and silences, and the noise decision of each audited event.
CREATE TABLE IF NOT EXISTS maintenance_windows (
  id          SERIAL        PRIMARY KEY,
  name        VARCHAR(200)  NOT NULL,
  matchers    JSONB         NOT NULL,
  schedule    JSONB         NOT NULL,
  effect      VARCHAR(20)   NOT NULL CHECK (effect IN ('suppress','downgrade')),
  severity    VARCHAR(20)   NULL,
  comment     TEXT          NULL,
  created_by  VARCHAR(100)  NOT NULL,
  created_at  TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
  updated_at  TIMESTAMPTZ   NOT NULL DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS silences (
  id          SERIAL        PRIMARY KEY,
  matchers    JSONB         NOT NULL,
  starts_at   TIMESTAMPTZ   NOT NULL,
  expires_at  TIMESTAMPTZ   NOT NULL,
  author      VARCHAR(100)  NOT NULL,
  comment     TEXT          NOT NULL,
  created_by  VARCHAR(100)  NOT NULL,
  created_at  TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
  CONSTRAINT chk_silence_range CHECK (expires_at > starts_at)
);
CREATE INDEX IF NOT EXISTS idx_silences_expires_at ON silences (expires_at);

-- "suppressed by silence 7", "downgraded to Minor by window 3"; NULL when no window or silence applied.
ALTER TABLE event_audit_log ADD COLUMN IF NOT EXISTS noise_decision VARCHAR(200);
