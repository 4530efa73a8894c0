CREATE TABLE `service_agreements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`categories` text NOT NULL,
	`response_hours` integer,
	`resolution_hours` integer,
	`billable` integer NOT NULL,
	`price` text,
	`currency` text,
	`price_unit` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_agreements_partner` ON `service_agreements` (`partner_id`);--> statement-breakpoint
CREATE TABLE `service_attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_row_id` integer NOT NULL,
	`position` integer NOT NULL,
	`type` text NOT NULL,
	`record_id` text NOT NULL,
	`content_hash` text NOT NULL,
	`snapshot` text NOT NULL,
	`taken_at` integer NOT NULL,
	`recorded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_attachments_position` ON `service_attachments` (`request_row_id`,`position`);--> statement-breakpoint
CREATE TABLE `service_charges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_row_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`unit` text NOT NULL,
	`quantity` integer NOT NULL,
	`price` text NOT NULL,
	`amount` text NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`invoice_number` text,
	`invoiced_at` integer,
	`booked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_charges_request` ON `service_charges` (`request_row_id`);--> statement-breakpoint
CREATE INDEX `service_charges_partner` ON `service_charges` (`partner_id`,`status`);