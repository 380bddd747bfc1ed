-- CalendarBot schema version 4.

-- Instances or whole series a person chose not to see. No foreign key to sources: a hidden event
-- outlives its source being removed from the configuration and re-added. scope 'instance' matches
-- instance_id; scope 'series' matches (source_id, uid) and instance_id is the one clicked.
-- hidden_at is an ISO-8601 instant.
CREATE TABLE hidden_events (
  row_id      INTEGER PRIMARY KEY,
  scope       TEXT NOT NULL CHECK (scope IN ('instance', 'series')),
  instance_id TEXT NOT NULL,
  source_id   TEXT NOT NULL,
  uid         TEXT NOT NULL,
  subject     TEXT,
  hidden_at   TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX hidden_instance ON hidden_events (instance_id) WHERE scope = 'instance';
CREATE UNIQUE INDEX hidden_series ON hidden_events (source_id, uid) WHERE scope = 'series';
