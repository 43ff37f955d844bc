CREATE TABLE "prediction"."model_promotions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"target" text NOT NULL,
	"model_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"promoted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rolled_back_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "prediction"."profile_scores" (
	"profile_id" uuid PRIMARY KEY NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"churn_risk" real,
	"churn_band" text,
	"engagement_score" real,
	"intent_score" real NOT NULL,
	"scores" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prediction"."training_rows" (
	"model_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"profile_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"label" smallint NOT NULL,
	"validation" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "prediction"."prediction_models" ADD COLUMN "features" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "prediction"."prediction_models" ADD COLUMN "params" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "prediction"."prediction_models" ADD COLUMN "rounds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prediction"."prediction_models" ADD COLUMN "booster" "bytea" NOT NULL;--> statement-breakpoint
ALTER TABLE "prediction"."prediction_models" ADD COLUMN "detail" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "prediction"."prediction_models" ADD COLUMN "horizon_days" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "prediction"."prediction_models" ADD COLUMN "train_rows" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "prediction"."prediction_models" ADD COLUMN "validation_rows" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "prediction"."prediction_models" ADD COLUMN "data_from" timestamp with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "prediction"."prediction_models" ADD COLUMN "data_to" timestamp with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "prediction"."prediction_models" ADD COLUMN "code_version" text NOT NULL;--> statement-breakpoint
ALTER TABLE "prediction"."model_promotions" ADD CONSTRAINT "model_promotions_model_id_prediction_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "prediction"."prediction_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prediction"."training_rows" ADD CONSTRAINT "training_rows_model_id_prediction_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "prediction"."prediction_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_promotions_live_idx" ON "prediction"."model_promotions" USING btree ("target","id") WHERE rolled_back_at IS NULL;--> statement-breakpoint
CREATE INDEX "training_rows_model_position_idx" ON "prediction"."training_rows" USING btree ("model_id","position");