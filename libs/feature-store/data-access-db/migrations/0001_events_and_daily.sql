CREATE TABLE "feature_store"."daily" (
	"profile_id" uuid NOT NULL,
	"day" date NOT NULL,
	"measures" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "daily_profile_id_day_pk" PRIMARY KEY("profile_id","day")
);
--> statement-breakpoint
CREATE TABLE "feature_store"."events" (
	"source_id" text NOT NULL,
	"message_id" text NOT NULL,
	"profile_id" uuid NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"event" text,
	"name" text,
	"user_id" text,
	"anonymous_id" text,
	"properties" jsonb,
	"traits" jsonb,
	"context" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_source_id_message_id_pk" PRIMARY KEY("source_id","message_id")
);
--> statement-breakpoint
ALTER TABLE "feature_store"."feature_definitions" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "feature_store"."feature_definitions" ADD COLUMN "group" text NOT NULL;--> statement-breakpoint
CREATE INDEX "events_profile_ts_idx" ON "feature_store"."events" USING btree ("profile_id","ts");