-- CalendarBot schema version 1. Times are epoch milliseconds (UTC) unless a column says otherwise.

-- One row per source ever configured: identity, redacted URL and fetch state (SourceState).
-- Timestamps here are ISO-8601 instants (TEXT) so they round-trip exactly.
CREATE TABLE sources (
  id                   TEXT PRIMARY KEY,
  name                 TEXT,
  url                  TEXT,
  etag                 TEXT,
  last_modified        TEXT,
  last_attempt         TEXT,
  last_success         TEXT,
  last_checked         TEXT,
  last_error_reason    TEXT,
  last_error           TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  event_count          INTEGER NOT NULL DEFAULT 0
) STRICT;

-- One row per series (UID) of a source, in feed order. payload is the compact JSON of the series;
-- first_start/last_end bound every instance it can produce (NULL = unbounded on that side).
CREATE TABLE series (
  source_id   TEXT    NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  uid         TEXT    NOT NULL,
  first_start INTEGER,
  last_end    INTEGER,
  payload     TEXT    NOT NULL,
  PRIMARY KEY (source_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX series_by_start ON series (source_id, first_start);

-- Feed-defined time zones (VTIMEZONE blocks with a non-IANA TZID): serialized java.time ZoneRules.
CREATE TABLE source_zones (
  source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  tzid      TEXT NOT NULL,
  rules     BLOB NOT NULL,
  PRIMARY KEY (source_id, tzid)
) STRICT, WITHOUT ROWID;

-- The horizon a source's instances were pre-expanded over, and the display zone used.
-- max_length_ms (longest stored instance) lets overlap queries use the start index.
CREATE TABLE materialization (
  source_id     TEXT    PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  horizon_start INTEGER NOT NULL,
  horizon_end   INTEGER NOT NULL,
  zone          TEXT    NOT NULL,
  max_length_ms INTEGER NOT NULL,
  CHECK (horizon_end >= horizon_start)
) STRICT;

-- Pre-expanded instances inside the horizon; payload is the compact JSON of EventDetails.
CREATE TABLE instances (
  row_id        INTEGER PRIMARY KEY,
  id            TEXT    NOT NULL,
  source_id     TEXT    NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  uid           TEXT    NOT NULL,
  recurrence_id TEXT,
  start_ms      INTEGER NOT NULL,
  end_ms        INTEGER NOT NULL,
  all_day       INTEGER NOT NULL CHECK (all_day IN (0, 1)),
  payload       TEXT    NOT NULL,
  CHECK (end_ms >= start_ms)
) STRICT;
CREATE INDEX instances_by_start ON instances (start_ms);
CREATE INDEX instances_by_source_start ON instances (source_id, start_ms);

-- Key-value settings for later features; updated_at is an ISO-8601 instant.
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
