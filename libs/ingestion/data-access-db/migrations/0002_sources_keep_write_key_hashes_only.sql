ALTER TABLE "ingestion"."sources" DROP CONSTRAINT "sources_write_key_unique";--> statement-breakpoint
ALTER TABLE "ingestion"."sources" DROP COLUMN "write_key";