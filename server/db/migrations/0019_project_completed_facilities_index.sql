-- The towns comparison's coverage gained reads, for a period, the facilities that completed
-- projects added (server/towns/town-comparison-sql.ts). Through the completion index of 0010 it
-- fetched every project completed in the period from the table to keep the few that added a
-- facility: 387 pages for 20 rows of 10,000 projects (`npm run bench -- dashboard`). Only those
-- projects, with what the query reads, make it an index-only scan of two pages.
CREATE INDEX projects_completed_facilities_idx ON projects (phase_since) INCLUDE (facility_layer, facility_feature_id)
  WHERE phase = 'completed' AND facility_feature_id IS NOT NULL;
