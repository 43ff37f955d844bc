CREATE TABLE "ingestion"."event_counts" (
	"source_id" uuid NOT NULL,
	"type" text NOT NULL,
	"stored" bigint DEFAULT 0 NOT NULL,
	"duplicates" bigint DEFAULT 0 NOT NULL,
	"last_received_at" timestamp with time zone,
	CONSTRAINT "event_counts_source_id_type_pk" PRIMARY KEY("source_id","type")
);
--> statement-breakpoint
CREATE TABLE "ingestion"."message_ids" (
	"source_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "message_ids_source_id_message_id_pk" PRIMARY KEY("source_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "ingestion"."raw_events" (
	"source_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"type" text NOT NULL,
	"event" text,
	"user_id" text,
	"anonymous_id" text,
	"timestamp" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"request_id" text NOT NULL,
	"payload" jsonb NOT NULL
) PARTITION BY RANGE ("received_at");
--> statement-breakpoint
CREATE TABLE "ingestion"."webhook_receipts" (
	"source_id" uuid NOT NULL,
	"replay_key" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "webhook_receipts_source_id_replay_key_pk" PRIMARY KEY("source_id","replay_key")
);
--> statement-breakpoint
ALTER TABLE "ingestion"."sources" ADD COLUMN "enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "ingestion"."sources" ADD COLUMN "write_key_hash" text NOT NULL;--> statement-breakpoint
ALTER TABLE "ingestion"."sources" ADD COLUMN "write_key_hint" text NOT NULL;--> statement-breakpoint
ALTER TABLE "ingestion"."sources" ADD COLUMN "signing_secret" text;--> statement-breakpoint
ALTER TABLE "ingestion"."sources" ADD COLUMN "key_rotated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ingestion"."sources" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "raw_events_source_message_idx" ON "ingestion"."raw_events" USING btree ("source_id","message_id");--> statement-breakpoint
CREATE INDEX "webhook_receipts_received_at_idx" ON "ingestion"."webhook_receipts" USING btree ("received_at");--> statement-breakpoint
ALTER TABLE "ingestion"."sources" ADD CONSTRAINT "sources_name_unique" UNIQUE("name");--> statement-breakpoint
ALTER TABLE "ingestion"."sources" ADD CONSTRAINT "sources_write_key_hash_unique" UNIQUE("write_key_hash");