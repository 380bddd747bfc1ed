-- CalendarBot schema version 5.

-- Runtime configuration overrides set through the admin API: the top layer of the configuration,
-- surviving a restart. value is the text a YAML file would hold; set_at is an ISO-8601 instant.
-- Secrets are never stored here (they cannot be set at runtime).
CREATE TABLE config_overrides (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL,
  actor  TEXT NOT NULL,
  set_at TEXT NOT NULL
) STRICT;

-- The audit history: one row per applied configuration version. changes is a JSON array of
-- {key, from, to}; effective a JSON object key -> value of every set key at that version (what a
-- rollback returns to). Secrets appear redacted in both.
CREATE TABLE config_versions (
  version   INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  source    TEXT NOT NULL,
  changes   TEXT NOT NULL,
  effective TEXT NOT NULL
) STRICT;
