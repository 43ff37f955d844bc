CREATE TABLE "ingestion"."suppressed_identifiers" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"identifier_type" text NOT NULL,
	"profile_id" uuid NOT NULL,
	"audit_id" uuid NOT NULL,
	"suppressed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "ingestion"."suppressed_identifiers_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1)
);
--> statement-breakpoint
ALTER TABLE "ingestion"."event_counts" ADD COLUMN "suppressed" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "suppressed_identifiers_seq_idx" ON "ingestion"."suppressed_identifiers" USING btree ("seq");