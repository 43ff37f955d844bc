CREATE TABLE "activation"."merged_profiles" (
	"profile_id" uuid PRIMARY KEY NOT NULL,
	"merged_into" uuid NOT NULL,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL
);
