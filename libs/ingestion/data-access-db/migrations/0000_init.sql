CREATE TABLE "ingestion"."sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"write_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sources_write_key_unique" UNIQUE("write_key")
);
--> statement-breakpoint
CREATE INDEX "sources_created_at_idx" ON "ingestion"."sources" USING btree ("created_at");