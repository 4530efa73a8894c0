DROP INDEX "domain_events_event_id";--> statement-breakpoint
DROP INDEX "domain_events_at";