-- The audit trail is append-only: the node never updates or deletes a row. Someone with the file
-- can drop these triggers, which is why each row is also hash-chained (audit verify).
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
