CREATE TABLE "clustering"."segment_assignments" (
	"subject_id" text NOT NULL,
	"source" text NOT NULL,
	"model_id" uuid NOT NULL,
	"segment_id" text NOT NULL,
	"since" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clustering"."segment_history" (
	"subject_id" text NOT NULL,
	"source" text NOT NULL,
	"model_id" uuid NOT NULL,
	"segment_id" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "clustering"."segments" (
	"model_id" uuid NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"name_edited" boolean DEFAULT false NOT NULL,
	"rank" integer,
	"size" integer NOT NULL,
	"share" double precision NOT NULL,
	"traits" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clustering"."segmentation_models" ADD COLUMN "source" text DEFAULT 'features' NOT NULL;--> statement-breakpoint
ALTER TABLE "clustering"."segmentation_models" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "clustering"."segmentation_models" ADD COLUMN "name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clustering"."segmentation_models" ADD COLUMN "naming" text DEFAULT 'tiers' NOT NULL;--> statement-breakpoint
ALTER TABLE "clustering"."segmentation_models" ADD COLUMN "active" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "clustering"."segmentation_models" ADD COLUMN "rows" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "clustering"."segmentation_models" ADD COLUMN "features" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "clustering"."segmentation_models" ADD COLUMN "quality" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "clustering"."segmentation_models" ADD COLUMN "detail" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "clustering"."segmentation_models" ADD COLUMN "data_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clustering"."segmentation_models" ADD COLUMN "data_to" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clustering"."segmentation_models" ADD COLUMN "code_version" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clustering"."segments" ADD CONSTRAINT "segments_model_id_segmentation_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "clustering"."segmentation_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "segment_assignments_subject_idx" ON "clustering"."segment_assignments" USING btree ("subject_id","source");--> statement-breakpoint
CREATE INDEX "segment_history_subject_idx" ON "clustering"."segment_history" USING btree ("subject_id","since");--> statement-breakpoint
CREATE INDEX "segment_history_open_idx" ON "clustering"."segment_history" USING btree ("subject_id","source") WHERE "clustering"."segment_history"."until" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "segments_model_id_idx" ON "clustering"."segments" USING btree ("model_id","id");--> statement-breakpoint
CREATE INDEX "segments_id_idx" ON "clustering"."segments" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "segmentation_models_source_version_idx" ON "clustering"."segmentation_models" USING btree ("source","version");--> statement-breakpoint
CREATE UNIQUE INDEX "segmentation_models_active_idx" ON "clustering"."segmentation_models" USING btree ("source") WHERE "clustering"."segmentation_models"."active";