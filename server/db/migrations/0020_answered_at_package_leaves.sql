-- When a demand was first answered: the moment it first left `submitted` (accepted, planned,
-- merged, rejected, even hidden). The towns' comparison (拉练互评) measures how fast towns answer
-- from it; updated_at, the last change, made a demand accepted in two days and resolved a year
-- later look a year slow.
ALTER TABLE demands ADD COLUMN answered_at timestamptz;

-- The demands already in the list: the audit trail's first move out of `submitted` where it has
-- one (the staff edit and a project's link both write the demand before and after), else, for a
-- demand that has left `submitted`, its last change, the best the row itself knows.
UPDATE demands d SET answered_at = coalesce(
  (SELECT min(a.at) FROM audit_log a
   WHERE a.entity = 'demand' AND a.entity_id = d.id::text
     AND a.before ->> 'status' = 'submitted' AND a.after ->> 'status' <> 'submitted'),
  CASE WHEN d.status <> 'submitted' THEN d.updated_at END);

-- Stamped by the database, so every way a demand changes (the staff edit, a merge, a project's
-- link or completion, an import, a dataset load) keeps it alike: a row leaving `submitted` with no
-- time yet gets the time of that change; a row arriving already answered (an import, a dataset)
-- keeps the time it carries, else its last change. Once set, no status change moves it (a demand
-- reopened and answered again was still first answered then); only a statement naming the column
-- itself changes it.
CREATE FUNCTION stamp_demand_answered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.answered_at IS NULL AND NEW.status <> 'submitted' THEN
    NEW.answered_at := CASE WHEN TG_OP = 'INSERT' THEN NEW.updated_at ELSE now() END;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER demands_stamp_answered BEFORE INSERT OR UPDATE OF status, answered_at ON demands
  FOR EACH ROW EXECUTE FUNCTION stamp_demand_answered();

-- ACHIEVED counts the leaves of the project library only: a package (a project with sub-projects
-- not cancelled) contributes none of its own deliverables, its parts do (server/targets/target-sql.ts).
-- The deliverables' index carries the project's id, so the sum still reads the index alone and
-- leaves the packages out by id.
DROP INDEX projects_delivered_idx;
CREATE INDEX projects_delivered_idx ON projects (phase, phase_since) INCLUDE (id, primary_town, deliverables)
  WHERE phase IN ('completed', 'construction');

-- A data version of the whole project library, published or not (layer_versions' 'projects' row;
-- the map's published_projects moves only with published ones): the targets' sums, mixes and the
-- towns' targets reached are kept per version, so the dashboard's repeated reads cost one row
-- lookup, and any write to a project (a completion above all) is read afresh at once.
CREATE TRIGGER projects_data_version AFTER INSERT OR UPDATE OR DELETE ON projects
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
CREATE TRIGGER projects_data_version_truncate AFTER TRUNCATE ON projects
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
INSERT INTO layer_versions (layer) VALUES ('projects') ON CONFLICT (layer) DO NOTHING;
