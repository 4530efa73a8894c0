/** Conversions between the staff notification tables' rows and the domain's records. */
import type {
  StaffNotificationDigestRow,
  StaffNotificationRow,
} from '../../db/schema/staff-notifications.ts';
import type {
  DigestFrequency,
  DigestSetting,
  StaffNotification,
} from '../staff-notification-store.ts';

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export function notificationFromRow(row: StaffNotificationRow): StaffNotification {
  return {
    ...row,
    facts: JSON.parse(row.facts) as StaffNotification['facts'],
    createdAt: new Date(row.createdAt),
    readAt: dateOrNull(row.readAt),
    mailedAt: dateOrNull(row.mailedAt),
  };
}

export function digestFromRow(row: StaffNotificationDigestRow): DigestSetting {
  return {
    staffId: row.staffId,
    frequency: row.frequency as DigestFrequency,
    lastSentAt: dateOrNull(row.lastSentAt),
    attempts: row.attempts,
    nextAttemptAt: dateOrNull(row.nextAttemptAt),
    lastError: row.lastError,
  };
}
