-- What the demand list needs to answer in a few milliseconds at 100,000 demands
-- (`npm run bench -- demands`; the plans were read with EXPLAIN ANALYZE on PostGIS).

-- Text search (`q`, matched as ILIKE on title and text). Residents write Chinese, where a search
-- is mostly two characters (电梯, 停车): trigram indexes (pg_trgm) cannot index a two-character
-- pattern and would scan every row for it. So every demand keeps the set of its characters and
-- of its character pairs (lower-cased); a search of n ≥ 2 characters can only match a demand
-- holding each of its pairs (one character: that character), which the GIN index finds, and ILIKE
-- then checks the rows found. A stored column, not an expression index: when the planner walks
-- the newest-first index instead (a common word), testing the stored set costs microseconds a
-- row, recomputing it would cost a hundred. Plain SQL, so the embedded database needs no extension.
CREATE FUNCTION demand_search_grams(content text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ARRAY(
    SELECT DISTINCT gram FROM unnest(
      regexp_split_to_array(lowered, '')
      -- Pairs at odd positions, then at even ones: every two neighbouring characters once.
      || ARRAY(SELECT pair[1] FROM regexp_matches(lowered, '..', 'g') AS pair)
      || ARRAY(SELECT pair[1] FROM regexp_matches(substr(lowered, 2), '..', 'g') AS pair)
    ) AS gram)
  FROM (SELECT lower(content) AS lowered) AS input
$$;

-- The grams every match must hold: the pairs of a search, or its one character.
CREATE FUNCTION demand_query_grams(query text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN length(query) <= 1 THEN ARRAY[lower(query)]
              ELSE ARRAY(SELECT DISTINCT substr(lower(query), position, 2) FROM generate_series(1, length(query) - 1) AS position)
         END
$$;

ALTER TABLE demands ADD COLUMN search_grams text[] GENERATED ALWAYS AS (demand_search_grams(title || ' ' || text)) STORED;
CREATE INDEX demands_search_idx ON demands USING gin (search_grams);

-- Staff's "recently updated first": without it every matching demand was sorted for each page.
CREATE INDEX demands_updated_idx ON demands (updated_at DESC, id DESC);
-- The public list by optimization (the map's and the portal's usual filter), newest first.
CREATE INDEX demands_published_optimization_idx ON demands (optimization, created_at DESC, id DESC)
  WHERE status IN ('accepted', 'planned', 'resolved');

-- Each public submission deletes the submission rows older than a day (server/demands/
-- submission-limit.ts): by this index, not by reading the whole table every time.
CREATE INDEX demand_submissions_at_idx ON demand_submissions (at);
