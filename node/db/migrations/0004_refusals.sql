CREATE TABLE `refusals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`message_id` text NOT NULL,
	`kind` text NOT NULL,
	`record_kind` text,
	`record_id` text,
	`code` text NOT NULL,
	`reason` text NOT NULL,
	`at` integer NOT NULL,
	`seen_at` integer,
	`cleared_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refusals_message_id_unique` ON `refusals` (`message_id`);--> statement-breakpoint
CREATE INDEX `refusals_record` ON `refusals` (`record_kind`,`record_id`,`partner_id`);--> statement-breakpoint
CREATE INDEX `refusals_seen` ON `refusals` (`seen_at`,`id`);