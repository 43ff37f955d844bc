CREATE TABLE "ad_feeds"."audiences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ad_feeds"."changes" (
	"local_seq" bigserial PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"audience_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"change" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "changes_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "ad_feeds"."identifiers" (
	"profile_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"seq" bigserial NOT NULL,
	CONSTRAINT "identifiers_profile_id_kind_value_pk" PRIMARY KEY("profile_id","kind","value")
);
--> statement-breakpoint
CREATE TABLE "ad_feeds"."memberships" (
	"audience_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"member" boolean NOT NULL,
	"seq" bigint NOT NULL,
	CONSTRAINT "memberships_audience_id_profile_id_pk" PRIMARY KEY("audience_id","profile_id")
);
--> statement-breakpoint
CREATE TABLE "ad_feeds"."removals" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"profile_id" uuid NOT NULL,
	"into_profile_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ad_feeds"."partner_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "partner_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "ad_feeds"."partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"platform" text NOT NULL,
	"device_ids" text DEFAULT 'raw' NOT NULL,
	"min_audience_size" integer DEFAULT 100 NOT NULL,
	"dp_epsilon" real,
	"rate_per_second" integer DEFAULT 100 NOT NULL,
	"member_secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partners_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "ad_feeds"."shares" (
	"partner_id" uuid NOT NULL,
	"audience_id" uuid NOT NULL,
	"iab" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shares_partner_id_audience_id_pk" PRIMARY KEY("partner_id","audience_id")
);
--> statement-breakpoint
ALTER TABLE "ad_feeds"."partner_keys" ADD CONSTRAINT "partner_keys_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "ad_feeds"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_feeds"."shares" ADD CONSTRAINT "shares_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "ad_feeds"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "changes_audience_idx" ON "ad_feeds"."changes" USING btree ("audience_id","local_seq");--> statement-breakpoint
CREATE INDEX "changes_profile_idx" ON "ad_feeds"."changes" USING btree ("profile_id");--> statement-breakpoint
CREATE INDEX "identifiers_seq_idx" ON "ad_feeds"."identifiers" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "identifiers_value_idx" ON "ad_feeds"."identifiers" USING btree ("kind","value");--> statement-breakpoint
CREATE INDEX "memberships_profile_idx" ON "ad_feeds"."memberships" USING btree ("profile_id","audience_id");--> statement-breakpoint
CREATE INDEX "partner_keys_partner_idx" ON "ad_feeds"."partner_keys" USING btree ("partner_id");