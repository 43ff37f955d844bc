CREATE TABLE "identity"."profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"merged_into" uuid
);
--> statement-breakpoint
CREATE INDEX "profiles_merged_into_idx" ON "identity"."profiles" USING btree ("merged_into");