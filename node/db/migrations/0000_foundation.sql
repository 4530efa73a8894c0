CREATE TABLE `admin_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`label` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `admin_tokens_token_hash_unique` ON `admin_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `inbound_messages` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_node_id` text NOT NULL,
	`message_id` text NOT NULL,
	`partner_id` integer NOT NULL,
	`kind` text NOT NULL,
	`ref` text,
	`jws` text NOT NULL,
	`digest` text NOT NULL,
	`sent_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`receipt` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_from_id` ON `inbound_messages` (`from_node_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `inbound_partner_seq` ON `inbound_messages` (`partner_id`,`seq`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`name` text NOT NULL,
	`partner_type` text NOT NULL,
	`relationship` text NOT NULL,
	`allowed_kinds` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_by_node_id` text,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE TABLE `outbound_messages` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`partner_id` integer NOT NULL,
	`to_node_id` text NOT NULL,
	`kind` text NOT NULL,
	`ref` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`jws` text,
	`digest` text,
	`sent_at` integer,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`horizon_from` integer NOT NULL,
	`lease_until` integer,
	`last_error_code` text,
	`last_error` text,
	`result_status` text,
	`receipt` text,
	`delivered_at` integer,
	`dead_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbound_messages_message_id_unique` ON `outbound_messages` (`message_id`);--> statement-breakpoint
CREATE INDEX `outbound_partner_status_seq` ON `outbound_messages` (`partner_id`,`status`,`seq`);--> statement-breakpoint
CREATE INDEX `outbound_status_next` ON `outbound_messages` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`node_id` text NOT NULL,
	`name` text NOT NULL,
	`partner_type` text NOT NULL,
	`relationship` text NOT NULL,
	`allowed_kinds` text NOT NULL,
	`status` text NOT NULL,
	`inbox_url` text NOT NULL,
	`jwks_url` text NOT NULL,
	`max_batch` integer NOT NULL,
	`max_body_bytes` integer NOT NULL,
	`keys` text NOT NULL,
	`keys_fetched_at` integer NOT NULL,
	`declared_profile` text,
	`profile_updated_at` integer,
	`invitation_id` text,
	`connected_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partners_node_id` ON `partners` (`node_id`);