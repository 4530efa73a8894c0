ALTER TABLE "outbound_messages" ADD COLUMN "lease_owner" bigint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "payment_due_at" bigint;--> statement-breakpoint
ALTER TABLE "refusals" ADD COLUMN "sent_by" text;--> statement-breakpoint
ALTER TABLE "refusals" ADD COLUMN "sent_by_email" text;--> statement-breakpoint
ALTER TABLE "refusals" ADD COLUMN "mailed_at" bigint;--> statement-breakpoint
ALTER TABLE "refusals" ADD COLUMN "mail_attempts" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "response_breached_at" bigint;--> statement-breakpoint
CREATE INDEX "refusals_sender" ON "refusals" USING btree ("sent_by","seen_at","id");--> statement-breakpoint
CREATE INDEX "refusals_mail" ON "refusals" USING btree ("mailed_at","id");