-- The per-key ingestion rate windows are one second deep and worthless after a crash: unlogged,
-- their upsert writes no WAL and its commit waits for no flush (one per ingested batch).
ALTER TABLE "ingestion_rate_windows" SET UNLOGGED;
