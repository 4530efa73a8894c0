CREATE TABLE `catalog_distributions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`list_row_id` integer NOT NULL,
	`version_row_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`ref` text,
	`force_full` integer NOT NULL,
	`status` text NOT NULL,
	`mode` text,
	`base_version` integer,
	`parts` integer,
	`bytes` integer,
	`detail` text,
	`created_at` integer NOT NULL,
	`done_at` integer
);
--> statement-breakpoint
CREATE INDEX `catalog_distributions_status` ON `catalog_distributions` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `catalog_distributions_list` ON `catalog_distributions` (`list_row_id`,`id`);--> statement-breakpoint
CREATE TABLE `catalog_lines` (
	`version_row_id` integer NOT NULL,
	`sku` text NOT NULL,
	`qty_key` text NOT NULL,
	`line` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalog_lines_key` ON `catalog_lines` (`version_row_id`,`sku`,`qty_key`);--> statement-breakpoint
CREATE TABLE `catalog_lists` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`list_id` text NOT NULL,
	`owner_partner_id` integer NOT NULL,
	`name` text NOT NULL,
	`currency` text,
	`withdrawn_at` integer,
	`withdrawn_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalog_lists_key` ON `catalog_lists` (`kind`,`owner_partner_id`,`list_id`);--> statement-breakpoint
CREATE TABLE `catalog_parts` (
	`version_row_id` integer NOT NULL,
	`part` integer NOT NULL,
	`message_id` text NOT NULL,
	`lines` text NOT NULL,
	`removed` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalog_parts_key` ON `catalog_parts` (`version_row_id`,`part`);--> statement-breakpoint
CREATE TABLE `catalog_shares` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`list_row_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`held_version` integer,
	`pending_version` integer,
	`pending_message_ids` text NOT NULL,
	`shared_at` integer NOT NULL,
	`withdrawn_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalog_shares_key` ON `catalog_shares` (`list_row_id`,`partner_id`);--> statement-breakpoint
CREATE TABLE `catalog_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`list_row_id` integer NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`name` text NOT NULL,
	`currency` text,
	`valid_from` text,
	`valid_to` text,
	`valid_from_ms` integer,
	`valid_to_ms` integer,
	`content_hash` text NOT NULL,
	`line_count` integer NOT NULL,
	`mode` text NOT NULL,
	`base_version` integer,
	`parts` integer NOT NULL,
	`failure_code` text,
	`failure_detail` text,
	`created_at` integer NOT NULL,
	`applied_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalog_versions_key` ON `catalog_versions` (`list_row_id`,`version`);--> statement-breakpoint
CREATE INDEX `catalog_versions_status` ON `catalog_versions` (`status`);--> statement-breakpoint
CREATE TABLE `deal_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_row_id` integer NOT NULL,
	`direction` text NOT NULL,
	`kind` text NOT NULL,
	`message_id` text NOT NULL,
	`version` integer,
	`jws` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `deal_messages_deal` ON `deal_messages` (`deal_row_id`,`id`);--> statement-breakpoint
CREATE TABLE `deal_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `deals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`role` text NOT NULL,
	`partner_id` integer NOT NULL,
	`deal_id` text NOT NULL,
	`version` integer NOT NULL,
	`customer_name` text NOT NULL,
	`customer_country` text NOT NULL,
	`customer_domain` text,
	`normalized_name` text NOT NULL,
	`normalized_domain` text,
	`products` text NOT NULL,
	`estimated_value` text NOT NULL,
	`currency` text NOT NULL,
	`expected_close_date` text NOT NULL,
	`notes` text,
	`status` text NOT NULL,
	`decision_version` integer DEFAULT 0 NOT NULL,
	`decided_version` integer,
	`decided_at` integer,
	`decision_reason` text,
	`protected_until` integer,
	`conflicts` text,
	`withdrawn_at` integer,
	`withdrawn_reason` text,
	`registered_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deals_role_partner_deal` ON `deals` (`role`,`partner_id`,`deal_id`);--> statement-breakpoint
CREATE INDEX `deals_role_status` ON `deals` (`role`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `deals_domain` ON `deals` (`normalized_domain`);--> statement-breakpoint
CREATE INDEX `deals_name_country` ON `deals` (`normalized_name`,`customer_country`);--> statement-breakpoint
CREATE INDEX `deals_protection` ON `deals` (`status`,`protected_until`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `partners_node_id` ON `partners` (`node_id`);--> statement-breakpoint
CREATE TABLE `lead_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` text NOT NULL,
	`at` integer NOT NULL,
	`type` text NOT NULL,
	`actor_node_id` text NOT NULL,
	`partner_id` integer,
	`message_id` text,
	`detail` text,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lead_events_lead` ON `lead_events` (`lead_id`,`seq`);--> statement-breakpoint
CREATE TABLE `lead_offers` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` text NOT NULL,
	`partner_id` integer NOT NULL,
	`exclusive` integer NOT NULL,
	`status` text NOT NULL,
	`offered_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`offer_message_id` text NOT NULL,
	`accepted_at` integer,
	`declined_at` integer,
	`decline_reason` text,
	`decline_comment` text,
	`closed_at` integer,
	`recall_reason` text,
	`stage` text,
	`amount` text,
	`amount_currency` text,
	`progress_note` text,
	`last_activity_at` integer,
	`progress_version` integer DEFAULT 0 NOT NULL,
	`progress_at` integer,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lead_offers_lead` ON `lead_offers` (`lead_id`,`seq`);--> statement-breakpoint
CREATE INDEX `lead_offers_partner` ON `lead_offers` (`partner_id`,`status`);--> statement-breakpoint
CREATE INDEX `lead_offers_status_expires` ON `lead_offers` (`status`,`expires_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `lead_offers_live` ON `lead_offers` (`lead_id`,`partner_id`) WHERE status in ('open', 'accepted');--> statement-breakpoint
CREATE TABLE `lead_partner_routing` (
	`partner_id` integer PRIMARY KEY NOT NULL,
	`tier` text,
	`regions` text NOT NULL,
	`product_lines` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `lead_routing_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`priority` integer NOT NULL,
	`enabled` integer NOT NULL,
	`regions` text NOT NULL,
	`products` text NOT NULL,
	`tiers` text NOT NULL,
	`match_partner_region` integer NOT NULL,
	`match_partner_products` integer NOT NULL,
	`round_robin` integer NOT NULL,
	`offer_hours` integer,
	`last_partner_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`company` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_email` text,
	`contact_phone` text,
	`region` text NOT NULL,
	`interest` text NOT NULL,
	`estimated_value` text,
	`currency` text,
	`source` text NOT NULL,
	`notes` text,
	`domain` text,
	`customer_domain` text,
	`normalized_name` text NOT NULL,
	`version` integer NOT NULL,
	`route_rule_id` integer,
	`route_candidates` text,
	`offer_hours` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`withdrawn_at` integer,
	`withdraw_reason` text
);
--> statement-breakpoint
CREATE INDEX `leads_customer_domain` ON `leads` (`customer_domain`);--> statement-breakpoint
CREATE INDEX `leads_normalized_name` ON `leads` (`normalized_name`);--> statement-breakpoint
CREATE INDEX `leads_created` ON `leads` (`created_at`);--> statement-breakpoint
CREATE TABLE `received_leads` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_partner_id` integer NOT NULL,
	`lead_id` text NOT NULL,
	`company` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_email` text,
	`contact_phone` text,
	`region` text NOT NULL,
	`interest` text NOT NULL,
	`estimated_value` text,
	`currency` text,
	`source` text NOT NULL,
	`notes` text,
	`domain` text,
	`version` integer NOT NULL,
	`exclusive` integer NOT NULL,
	`offer_expires_at` integer NOT NULL,
	`offer_message_id` text NOT NULL,
	`status` text NOT NULL,
	`recall_reason` text,
	`decline_reason` text,
	`decline_comment` text,
	`stage` text,
	`amount` text,
	`amount_currency` text,
	`progress_note` text,
	`last_activity_at` integer,
	`progress_version` integer DEFAULT 0 NOT NULL,
	`received_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`accepted_at` integer,
	`closed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `received_leads_owner_lead` ON `received_leads` (`owner_partner_id`,`lead_id`);--> statement-breakpoint
CREATE INDEX `received_leads_lead` ON `received_leads` (`lead_id`);--> statement-breakpoint
CREATE TABLE `portal_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`purpose` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `portal_links_token_hash_unique` ON `portal_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `portal_links_user` ON `portal_links` (`user_id`);--> statement-breakpoint
CREATE TABLE `portal_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`type` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`path` text NOT NULL,
	`created_at` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`sent_at` integer,
	`failed_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `portal_notifications_dedupe` ON `portal_notifications` (`user_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `portal_notifications_due` ON `portal_notifications` (`sent_at`,`failed_at`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `portal_notifications_user` ON `portal_notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE TABLE `portal_partners` (
	`partner_id` integer PRIMARY KEY NOT NULL,
	`uid` text NOT NULL,
	`private_jwk` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `portal_partners_uid_unique` ON `portal_partners` (`uid`);--> statement-breakpoint
CREATE TABLE `portal_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ended_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `portal_sessions_token_hash_unique` ON `portal_sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `portal_sessions_user` ON `portal_sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `portal_sessions_partner` ON `portal_sessions` (`partner_id`);--> statement-breakpoint
CREATE TABLE `portal_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `portal_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`last_sign_in_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `portal_users_email` ON `portal_users` (`email`);--> statement-breakpoint
CREATE INDEX `portal_users_partner` ON `portal_users` (`partner_id`);--> statement-breakpoint
CREATE TABLE `service_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_row_id` integer NOT NULL,
	`type` text NOT NULL,
	`side` text NOT NULL,
	`by_node_id` text,
	`at` integer NOT NULL,
	`message_id` text,
	`version` integer,
	`status` text,
	`comment_id` text,
	`comment_text` text,
	`visibility` text,
	`reason` text,
	`recorded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_events_version` ON `service_events` (`request_row_id`,`type`,`side`,`version`);--> statement-breakpoint
CREATE INDEX `service_events_request` ON `service_events` (`request_row_id`,`at`);--> statement-breakpoint
CREATE TABLE `service_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`partner_id` integer NOT NULL,
	`owner` text NOT NULL,
	`category` text NOT NULL,
	`subject` text NOT NULL,
	`description` text NOT NULL,
	`priority` text NOT NULL,
	`product` text,
	`serial` text,
	`due_at` integer,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`status_at` integer NOT NULL,
	`status_by` text NOT NULL,
	`self_update_version` integer DEFAULT 0 NOT NULL,
	`self_update_at` integer DEFAULT 0 NOT NULL,
	`partner_update_version` integer DEFAULT 0 NOT NULL,
	`partner_update_at` integer DEFAULT 0 NOT NULL,
	`overdue_marked_at` integer,
	`withdrawn_at` integer,
	`withdrawn_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_requests_partner_request` ON `service_requests` (`partner_id`,`request_id`);--> statement-breakpoint
CREATE INDEX `service_requests_request` ON `service_requests` (`request_id`);--> statement-breakpoint
CREATE INDEX `service_requests_due` ON `service_requests` (`due_at`);--> statement-breakpoint
CREATE TABLE `warranty_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` text NOT NULL,
	`partner_id` integer NOT NULL,
	`owner` text NOT NULL,
	`product` text NOT NULL,
	`serial` text NOT NULL,
	`purchase_date` text NOT NULL,
	`failure_date` text NOT NULL,
	`failure` text NOT NULL,
	`claimed_amount` text NOT NULL,
	`currency` text NOT NULL,
	`request_id` text,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`decision_version` integer DEFAULT 0 NOT NULL,
	`decided_version` integer,
	`approved_amount` text,
	`decision_reason` text,
	`decided_at` integer,
	`withdrawn_at` integer,
	`withdrawn_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `warranty_claims_partner_claim` ON `warranty_claims` (`partner_id`,`claim_id`);--> statement-breakpoint
CREATE INDEX `warranty_claims_claim` ON `warranty_claims` (`claim_id`);--> statement-breakpoint
CREATE TABLE `warranty_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_row_id` integer NOT NULL,
	`type` text NOT NULL,
	`side` text NOT NULL,
	`by_node_id` text,
	`at` integer NOT NULL,
	`message_id` text,
	`version` integer,
	`status` text,
	`amount` text,
	`reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `warranty_events_version` ON `warranty_events` (`claim_row_id`,`type`,`version`);--> statement-breakpoint
CREATE INDEX `warranty_events_claim` ON `warranty_events` (`claim_row_id`,`id`);