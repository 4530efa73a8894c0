CREATE TABLE `staff_notification_cursors` (
	`source` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff_notification_digests` (
	`staff_id` text PRIMARY KEY NOT NULL,
	`frequency` text NOT NULL,
	`last_sent_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_id` text NOT NULL,
	`type` text NOT NULL,
	`area` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`facts` text NOT NULL,
	`path` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	`mailed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_notifications_dedupe` ON `staff_notifications` (`staff_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `staff_notifications_staff` ON `staff_notifications` (`staff_id`,`id`);--> statement-breakpoint
CREATE INDEX `staff_notifications_unread` ON `staff_notifications` (`staff_id`,`read_at`);