-- Heavy analyses (facility siting) run as jobs: any API process can create one, read it, or ask
-- for it to stop; the process that runs it writes progress and a heartbeat here. Nothing about a
-- job lives only in one process's memory. Rows older than a day are deleted as new jobs come.
CREATE TABLE analysis_jobs (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  progress double precision NOT NULL DEFAULT 0,
  phase text,
  incumbent double precision,
  bound double precision,
  request jsonb NOT NULL,
  result jsonb,
  -- Everything the exports need beyond the result (all uncovered demands with their places).
  export_data jsonb,
  error jsonb,
  -- Set by a DELETE served by another process; the owner polls it while the job runs.
  cancel_requested boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Heartbeat: the owner touches it at least every few seconds while the job is queued or running.
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX analysis_jobs_created_idx ON analysis_jobs (created_at);
