ALTER TABLE `refusals` ADD `sent_by` text;--> statement-breakpoint
ALTER TABLE `refusals` ADD `sent_by_email` text;--> statement-breakpoint
CREATE INDEX `refusals_sender` ON `refusals` (`sent_by`,`seen_at`,`id`);