-- What the project list needs to answer its filters in a few milliseconds at 10,000 projects
-- (`npm run bench -- projects`; the plans were read with EXPLAIN (ANALYZE, BUFFERS) on PostGIS).
-- Without these, a filter the planner could not find by an index read the whole table for its
-- count, and a page walked the newest-first index past thousands of rows that did not match.

-- Text search (`q`, ILIKE on the name, English name, code and responsible unit), the way the
-- demand list does it (migration 0007): the characters and character pairs of those fields, so
-- the GIN index finds the candidates and ILIKE decides. The code is written out from the id here
-- (a generated column cannot read another one). Fields are joined by a line break: pairs across
-- the join only add candidates, which ILIKE then turns down.
ALTER TABLE projects ADD COLUMN search_grams text[] GENERATED ALWAYS AS (
  demand_search_grams(name || E'\n' || coalesce(name_en, '') || E'\n' || 'XM' || lpad(id::text, 6, '0') || E'\n' || responsible_unit)
) STORED;
CREATE INDEX projects_search_idx ON projects USING gin (search_grams);

-- "Its schedule reaches into the year": an overlap of ranges, which a GiST index answers (the
-- two-column B-tree could only bound one end). The span's ends are both set or both empty, the
-- start never after the end (core/projects/project-schedule.ts scheduleSpan).
CREATE INDEX projects_span_range_idx ON projects USING gist (daterange(span_start, span_end, '[]'));

-- Filters with no index of their own yet.
CREATE INDEX projects_type_idx ON projects (type);
CREATE INDEX projects_size_idx ON projects (size_class);
-- The opportunity list (城市机会清单) by progress, and its count read from the index alone.
CREATE INDEX projects_opportunity_progress_idx ON projects (progress DESC, id) WHERE opportunity;
CREATE INDEX projects_published_idx ON projects (created_at DESC, id DESC) WHERE published;
