ALTER TABLE "identity"."links" DROP CONSTRAINT "links_event_unique";--> statement-breakpoint
ALTER TABLE "identity"."links" ADD COLUMN "link_key" text;--> statement-breakpoint
ALTER TABLE "identity"."links" ADD COLUMN "last_at" timestamp with time zone;--> statement-breakpoint
-- Existing rows are one event each: they keep a row of their own.
UPDATE "identity"."links" SET "link_key" = 'event:' || "source_id" || ':' || "message_id", "last_at" = "at";--> statement-breakpoint
ALTER TABLE "identity"."links" ALTER COLUMN "link_key" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "identity"."links" ALTER COLUMN "last_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "identity"."links" ADD CONSTRAINT "links_key_unique" UNIQUE("link_key");
