CREATE TABLE `catalog_extensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`list_row_id` integer NOT NULL,
	`kind` text NOT NULL,
	`item_key` text NOT NULL,
	`fields` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalog_extensions_key` ON `catalog_extensions` (`list_row_id`,`kind`,`item_key`);--> statement-breakpoint
ALTER TABLE `orders` ADD `payment_terms` text;