CREATE TABLE `expense_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` text NOT NULL,
	`partner_id` integer NOT NULL,
	`owner` text NOT NULL,
	`allocation_id` text NOT NULL,
	`invoice_number` text NOT NULL,
	`invoice_date` text NOT NULL,
	`activity` text NOT NULL,
	`lines` text NOT NULL,
	`total` text NOT NULL,
	`currency` text NOT NULL,
	`proof` text NOT NULL,
	`filed_at` integer NOT NULL,
	`status` text NOT NULL,
	`decision_version` integer DEFAULT 0 NOT NULL,
	`approved_amount` text,
	`paid_amount` text,
	`payment_reference` text,
	`reason` text,
	`reason_code` text,
	`decided_at` integer,
	`paid_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `expense_claims_partner_claim` ON `expense_claims` (`partner_id`,`claim_id`);--> statement-breakpoint
CREATE INDEX `expense_claims_allocation` ON `expense_claims` (`partner_id`,`allocation_id`);--> statement-breakpoint
CREATE INDEX `expense_claims_claim` ON `expense_claims` (`claim_id`);--> statement-breakpoint
CREATE TABLE `fund_allocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`allocation_id` text NOT NULL,
	`partner_id` integer NOT NULL,
	`owner` text NOT NULL,
	`amount` text NOT NULL,
	`currency` text NOT NULL,
	`valid_from` text,
	`valid_to` text NOT NULL,
	`claim_deadline` text NOT NULL,
	`activities` text NOT NULL,
	`note` text,
	`version` integer NOT NULL,
	`withdrawn_at` integer,
	`withdrawn_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fund_allocations_partner_allocation` ON `fund_allocations` (`partner_id`,`allocation_id`);--> statement-breakpoint
CREATE INDEX `fund_allocations_allocation` ON `fund_allocations` (`allocation_id`);--> statement-breakpoint
CREATE TABLE `fund_proof_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`name` text NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`bytes` blob NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fund_proof_files_partner_sha` ON `fund_proof_files` (`partner_id`,`sha256`);--> statement-breakpoint
CREATE TABLE `inventory_partner_settings` (
	`partner_id` integer PRIMARY KEY NOT NULL,
	`auto_propose` integer NOT NULL,
	`valid_days` integer NOT NULL,
	`checked_up_to` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `inventory_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`role` text NOT NULL,
	`partner_id` integer NOT NULL,
	`report_id` text NOT NULL,
	`location` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`lines` text NOT NULL,
	`line_count` integer NOT NULL,
	`note` text,
	`content_hash` text NOT NULL,
	`message_id` text,
	`jws` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inventory_reports_key` ON `inventory_reports` (`role`,`partner_id`,`report_id`);--> statement-breakpoint
CREATE INDEX `inventory_reports_location` ON `inventory_reports` (`role`,`partner_id`,`location`,`period_end`);--> statement-breakpoint
CREATE TABLE `inventory_settings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`sku` text NOT NULL,
	`location` text NOT NULL,
	`policy` text NOT NULL,
	`min_qty` text,
	`max_qty` text,
	`cover_days` integer,
	`lead_time_days` integer NOT NULL,
	`pack_size` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inventory_settings_key` ON `inventory_settings` (`partner_id`,`sku`,`location`);--> statement-breakpoint
CREATE TABLE `replenishment_auto_accept` (
	`partner_id` integer PRIMARY KEY NOT NULL,
	`enabled` integer NOT NULL,
	`max_lines` integer,
	`max_line_qty` text,
	`max_total_qty` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `replenishment_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`role` text NOT NULL,
	`partner_id` integer NOT NULL,
	`proposal_id` text NOT NULL,
	`location` text NOT NULL,
	`based_on` text NOT NULL,
	`valid_until` integer NOT NULL,
	`lines` text NOT NULL,
	`details` text,
	`content_hash` text NOT NULL,
	`status` text NOT NULL,
	`decision_lines` text,
	`decision_reason` text,
	`order_id` text,
	`decided_at` integer,
	`decision_late` integer DEFAULT 0 NOT NULL,
	`auto_accepted` integer DEFAULT 0 NOT NULL,
	`auto_accept_note` text,
	`jws` text,
	`decision_jws` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `replenishment_proposals_key` ON `replenishment_proposals` (`role`,`partner_id`,`proposal_id`);--> statement-breakpoint
CREATE INDEX `replenishment_proposals_status` ON `replenishment_proposals` (`role`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `order_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_row_id` integer NOT NULL,
	`type` text NOT NULL,
	`side` text NOT NULL,
	`by_node_id` text,
	`at` integer NOT NULL,
	`message_id` text,
	`code` text,
	`detail` text,
	`recorded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `order_events_order` ON `order_events` (`order_row_id`,`at`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` text NOT NULL,
	`partner_id` integer NOT NULL,
	`direction` text NOT NULL,
	`type` text NOT NULL,
	`price_list_id` text NOT NULL,
	`price_list_version` integer NOT NULL,
	`currency` text NOT NULL,
	`lines` text NOT NULL,
	`total` text NOT NULL,
	`ship_to` text,
	`end_customer` text,
	`sold_at` text,
	`note` text,
	`ordered_at` integer NOT NULL,
	`place_message_id` text,
	`response_code` text,
	`response_lines` text,
	`response_reason` text,
	`response_reason_code` text,
	`responded_at` integer,
	`accepted_total` text,
	`shipped_at` integer,
	`tracking` text,
	`delivered_at` integer,
	`invoiced_at` integer,
	`cancelled_at` integer,
	`cancelled_by` text,
	`cancel_reason` text,
	`cancel_requested_at` integer,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_partner_order` ON `orders` (`partner_id`,`order_id`);--> statement-breakpoint
CREATE INDEX `orders_order` ON `orders` (`order_id`);--> statement-breakpoint
CREATE INDEX `orders_status` ON `orders` (`status`);--> statement-breakpoint
CREATE TABLE `receivable_payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`receivable_id` integer NOT NULL,
	`amount` text NOT NULL,
	`paid_at` integer NOT NULL,
	`note` text,
	`recorded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `receivable_payments_receivable` ON `receivable_payments` (`receivable_id`);--> statement-breakpoint
CREATE TABLE `receivables` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_row_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`currency` text NOT NULL,
	`amount` text NOT NULL,
	`paid` text NOT NULL,
	`status` text NOT NULL,
	`booked_at` integer NOT NULL,
	`paid_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `receivables_order` ON `receivables` (`order_row_id`);--> statement-breakpoint
CREATE INDEX `receivables_partner` ON `receivables` (`partner_id`,`status`);