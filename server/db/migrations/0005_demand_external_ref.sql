-- The number a demand carries in the system it came from: the city hotline's ticket (工单编号),
-- a deputy's proposal number. Staff answer the hotline ticket by ticket, so the list keeps it and
-- the CSV export writes it back; an import refuses a ticket it has already taken in (unique per
-- source), so loading the same hotline export twice creates nothing twice.
ALTER TABLE demands ADD COLUMN external_ref text CHECK (length(external_ref) BETWEEN 1 AND 64);
CREATE UNIQUE INDEX demands_external_ref_idx ON demands (source, external_ref) WHERE external_ref IS NOT NULL;
