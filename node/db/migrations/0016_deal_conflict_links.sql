CREATE TABLE `deal_conflict_links` (
	`earlier_row_id` integer NOT NULL,
	`later_row_id` integer NOT NULL,
	PRIMARY KEY(`earlier_row_id`, `later_row_id`)
);
--> statement-breakpoint
CREATE INDEX `deal_conflict_links_later` ON `deal_conflict_links` (`later_row_id`);--> statement-breakpoint
-- Registrations decided before this table existed keep their later clashes.
INSERT OR IGNORE INTO `deal_conflict_links` (`earlier_row_id`, `later_row_id`)
SELECT json_extract(c.value, '$.dealRowId'), d.`id`
FROM `deals` d, json_each(d.`conflicts`) c
WHERE d.`role` = 'vendor' AND d.`conflicts` IS NOT NULL AND json_extract(c.value, '$.type') = 'deal';
