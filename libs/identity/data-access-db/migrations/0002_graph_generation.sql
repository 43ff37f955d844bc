CREATE TABLE "identity"."graph_state" (
	"id" integer NOT NULL,
	"generation" uuid NOT NULL,
	CONSTRAINT "graph_state_id_pk" PRIMARY KEY("id")
);
