CREATE TABLE "feature_store"."feature_definitions" (
	"name" text PRIMARY KEY NOT NULL,
	"description" text NOT NULL,
	"value_type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
