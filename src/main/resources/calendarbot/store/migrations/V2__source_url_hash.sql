-- CalendarBot schema version 2.

-- SHA-256 (lower-case hex) of the source's full configured URL. The stored url is redacted, so it
-- cannot tell whether the URL changed; this can, and a changed URL must not reuse the old
-- ETag/Last-Modified. NULL (rows from version 1): unknown, recorded at the next registration.
ALTER TABLE sources ADD COLUMN url_sha256 TEXT;
