-- Imports waiting for their commit: what was read from an uploaded file, kept between the preview
-- (POST /api/imports) and the commit. In the database rather than the data directory, because
-- the commit deletes the preview in the same transaction as it writes the rows: a preview is
-- committed once, whichever server process or double click asks; and it is the same on the
-- embedded database and a real PostGIS, with nothing on disk to clean up after a crash.
-- A preview expires (expires_at); expired ones are deleted whenever a new one is made.
CREATE TABLE import_previews (
  id uuid PRIMARY KEY,
  target text NOT NULL,
  -- Only the person who uploaded the file sees, commits or drops its preview.
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  -- The answer of POST /api/imports, as sent.
  preview jsonb NOT NULL,
  -- Every feature read (row number, WGS84 geometry, attributes, geometry problems), as JSON text.
  features text NOT NULL
);
CREATE INDEX import_previews_expires_idx ON import_previews (expires_at);
