-- The project list's default order (newest first) within one optimization or one type.
-- With only a single-column index, a page such as "optimization 2, late" or "sidewalks in 2025"
-- walked the newest-first index and filtered: the planner expects the matches spread evenly
-- through time, but late projects are the older ones, so it read 5,000 rows to keep 50
-- (19 ms of 10,000 projects; `npm run bench -- projects`). Led by the filter's column, the walk
-- stays inside the optimization or type; the prefix still answers the plain equality lookups, so
-- these replace the single-column indexes of 0008 and 0009.
CREATE INDEX projects_optimization_newest_idx ON projects (optimization, created_at DESC, id DESC);
DROP INDEX projects_optimization_idx;
CREATE INDEX projects_type_newest_idx ON projects (type, created_at DESC, id DESC);
DROP INDEX projects_type_idx;
