-- The home page counts cases per stage; without this index each count reads the
-- whole case table.
CREATE INDEX cases_stage_listing ON cases(stage, created_at, id);
