DROP INDEX "ingestion"."raw_events_source_message_idx";--> statement-breakpoint
ALTER TABLE "ingestion"."raw_events" ALTER COLUMN "payload" SET DATA TYPE json;