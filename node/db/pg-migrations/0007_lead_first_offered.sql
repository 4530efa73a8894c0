ALTER TABLE "leads" ADD COLUMN "first_offered_at" bigint;--> statement-breakpoint
CREATE INDEX "leads_new" ON "leads" USING btree ("created_at","id") WHERE first_offered_at is null and withdrawn_at is null;--> statement-breakpoint
-- Leads offered before this column existed: the time of their first offer.
UPDATE "leads" SET "first_offered_at" = (SELECT min(o."offered_at") FROM "lead_offers" o WHERE o."lead_id" = "leads"."id");
