ALTER TABLE "refusals" ADD COLUMN "sent_by" text;--> statement-breakpoint
ALTER TABLE "refusals" ADD COLUMN "sent_by_email" text;--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "response_breached_at" bigint;--> statement-breakpoint
CREATE INDEX "refusals_sender" ON "refusals" USING btree ("sent_by","seen_at","id");