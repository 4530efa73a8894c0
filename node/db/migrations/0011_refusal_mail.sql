ALTER TABLE `refusals` ADD `mailed_at` integer;--> statement-breakpoint
ALTER TABLE `refusals` ADD `mail_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `refusals_mail` ON `refusals` (`mailed_at`,`id`);