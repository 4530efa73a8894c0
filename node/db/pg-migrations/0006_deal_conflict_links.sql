CREATE TABLE "deal_conflict_links" (
	"earlier_row_id" bigint NOT NULL,
	"later_row_id" bigint NOT NULL,
	CONSTRAINT "deal_conflict_links_earlier_row_id_later_row_id_pk" PRIMARY KEY("earlier_row_id","later_row_id")
);
--> statement-breakpoint
CREATE INDEX "deal_conflict_links_later" ON "deal_conflict_links" USING btree ("later_row_id");--> statement-breakpoint
-- Registrations decided before this table existed keep their later clashes.
INSERT INTO "deal_conflict_links" ("earlier_row_id", "later_row_id")
SELECT DISTINCT (c->>'dealRowId')::bigint, d."id"
FROM "deals" d, jsonb_array_elements(d."conflicts"::jsonb) c
WHERE d."role" = 'vendor' AND d."conflicts" IS NOT NULL AND c->>'type' = 'deal'
ON CONFLICT DO NOTHING;
