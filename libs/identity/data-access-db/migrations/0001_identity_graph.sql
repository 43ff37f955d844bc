CREATE TABLE "identity"."identifiers" (
	"type" text NOT NULL,
	"value" text NOT NULL,
	"profile_id" uuid NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	CONSTRAINT "identifiers_type_value_pk" PRIMARY KEY("type","value")
);
--> statement-breakpoint
CREATE TABLE "identity"."dropped_identifiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" text NOT NULL,
	"message_id" text NOT NULL,
	"type" text NOT NULL,
	"value" text NOT NULL,
	"reason" text NOT NULL,
	"profile_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dropped_identifiers_event_unique" UNIQUE("source_id","message_id","type","value")
);
--> statement-breakpoint
CREATE TABLE "identity"."links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"profile_id" uuid NOT NULL,
	"source_id" text NOT NULL,
	"message_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"identifiers" jsonb NOT NULL,
	"traits" jsonb,
	CONSTRAINT "links_event_unique" UNIQUE("source_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "identity"."merges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"profile_id" uuid NOT NULL,
	"merged_profile_id" uuid NOT NULL,
	"link_id" uuid NOT NULL,
	"linked_by" jsonb NOT NULL,
	"source_id" text NOT NULL,
	"event_message_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"undone_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identity"."deletion_audit" (
	"id" uuid PRIMARY KEY NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"identifier_hash" text NOT NULL,
	"profile_id" uuid NOT NULL,
	"identifiers" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."suppressed_identifiers" (
	"key_hash" text NOT NULL,
	"audit_id" uuid NOT NULL,
	"suppressed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suppressed_identifiers_key_hash_pk" PRIMARY KEY("key_hash")
);
--> statement-breakpoint
ALTER TABLE "identity"."profiles" ADD COLUMN "first_seen" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "identity"."profiles" ADD COLUMN "last_seen" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "identity"."profiles" ADD COLUMN "traits" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "identity"."profiles" ADD COLUMN "trait_times" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "identifiers_profile_idx" ON "identity"."identifiers" USING btree ("profile_id");--> statement-breakpoint
CREATE INDEX "links_profile_idx" ON "identity"."links" USING btree ("profile_id");--> statement-breakpoint
CREATE INDEX "merges_profile_idx" ON "identity"."merges" USING btree ("profile_id");--> statement-breakpoint
CREATE INDEX "merges_merged_profile_idx" ON "identity"."merges" USING btree ("merged_profile_id");