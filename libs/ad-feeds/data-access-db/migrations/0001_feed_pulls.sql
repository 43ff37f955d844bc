CREATE TABLE "ad_feeds"."pulls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"partner_id" uuid NOT NULL,
	"audience_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"rows" integer NOT NULL,
	"cursor" bigint NOT NULL,
	"complete" boolean DEFAULT true NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ad_feeds"."pulls" ADD CONSTRAINT "pulls_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "ad_feeds"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pulls_partner_at_idx" ON "ad_feeds"."pulls" USING btree ("partner_id","at");