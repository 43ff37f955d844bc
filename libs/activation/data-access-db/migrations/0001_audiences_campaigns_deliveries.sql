CREATE TABLE "activation"."audience_members" (
	"audience_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "audience_members_audience_id_profile_id_pk" PRIMARY KEY("audience_id","profile_id")
);
--> statement-breakpoint
CREATE TABLE "activation"."membership_changes" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"audience_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"change" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activation"."campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"audience_id" uuid NOT NULL,
	"destination_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"template" jsonb NOT NULL,
	"trigger" jsonb NOT NULL,
	"policy" jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_run_at" timestamp with time zone,
	"next_run_at" timestamp with time zone,
	CONSTRAINT "campaigns_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "activation"."deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"campaign_id" uuid NOT NULL,
	"destination_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"profile_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"provider_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "activation"."delivery_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"delivery_id" bigint NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activation"."destinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"config" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"disabled_reason" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "destinations_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "activation"."consents" (
	"profile_id" uuid PRIMARY KEY NOT NULL,
	"opt_ins" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"unsubscribed" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"globally_suppressed" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activation"."profile_events" (
	"profile_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"event" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "profile_events_profile_id_message_id_pk" PRIMARY KEY("profile_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "activation"."profiles" (
	"profile_id" uuid PRIMARY KEY NOT NULL,
	"user_id" text,
	"traits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"features" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"features_as_of" timestamp with time zone,
	"segments" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"scores_as_of" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activation"."push_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"profile_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"address" text NOT NULL,
	"keys" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_reason" text,
	CONSTRAINT "push_subscriptions_address_unique" UNIQUE("kind","address")
);
--> statement-breakpoint
CREATE TABLE "activation"."suppressed_addresses" (
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suppressed_addresses_channel_address_pk" PRIMARY KEY("channel","address")
);
--> statement-breakpoint
ALTER TABLE "activation"."audiences" ADD COLUMN "key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "activation"."audiences" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "activation"."audiences" ADD COLUMN "rule_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "activation"."audiences" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "activation"."audiences" ADD COLUMN "computed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activation"."audience_members" ADD CONSTRAINT "audience_members_audience_id_audiences_id_fk" FOREIGN KEY ("audience_id") REFERENCES "activation"."audiences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activation"."membership_changes" ADD CONSTRAINT "membership_changes_audience_id_audiences_id_fk" FOREIGN KEY ("audience_id") REFERENCES "activation"."audiences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activation"."campaigns" ADD CONSTRAINT "campaigns_audience_id_audiences_id_fk" FOREIGN KEY ("audience_id") REFERENCES "activation"."audiences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activation"."campaigns" ADD CONSTRAINT "campaigns_destination_id_destinations_id_fk" FOREIGN KEY ("destination_id") REFERENCES "activation"."destinations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activation"."deliveries" ADD CONSTRAINT "deliveries_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "activation"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activation"."deliveries" ADD CONSTRAINT "deliveries_destination_id_destinations_id_fk" FOREIGN KEY ("destination_id") REFERENCES "activation"."destinations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audience_members_entered_idx" ON "activation"."audience_members" USING btree ("audience_id","entered_at","profile_id");--> statement-breakpoint
CREATE INDEX "audience_members_profile_idx" ON "activation"."audience_members" USING btree ("profile_id");--> statement-breakpoint
CREATE INDEX "membership_changes_audience_idx" ON "activation"."membership_changes" USING btree ("audience_id","seq");--> statement-breakpoint
CREATE INDEX "membership_changes_profile_idx" ON "activation"."membership_changes" USING btree ("profile_id");--> statement-breakpoint
CREATE INDEX "deliveries_queue_idx" ON "activation"."deliveries" USING btree ("destination_id","next_attempt_at") WHERE status IN ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "deliveries_campaign_idx" ON "activation"."deliveries" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE INDEX "deliveries_sent_idx" ON "activation"."deliveries" USING btree ("profile_id","channel","sent_at") WHERE sent_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "deliveries_provider_idx" ON "activation"."deliveries" USING btree ("provider_id") WHERE provider_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "delivery_events_delivery_idx" ON "activation"."delivery_events" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "profile_events_event_idx" ON "activation"."profile_events" USING btree ("profile_id","event","at");--> statement-breakpoint
CREATE INDEX "profile_events_at_idx" ON "activation"."profile_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "push_subscriptions_profile_idx" ON "activation"."push_subscriptions" USING btree ("profile_id");