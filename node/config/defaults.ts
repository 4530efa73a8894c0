// The single list of node settings: their types, defaults, limits and the names an operator
// uses for them. Validation, loading, docs and CLI help all read from here, so a new setting
// is added in this file and nowhere else.

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const METRICS_MODES = ['off', 'token', 'public'] as const;
export type MetricsMode = (typeof METRICS_MODES)[number];

/** The languages of the pages and e-mails people read (node/i18n/locales.ts keeps the catalogs). */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const KIB = 1024;
export const MIB = 1024 * 1024;

export interface NodeConfig {
  name: string;
  url: string;
  host: string;
  port: number;
  allowLoopback: boolean;
  allowPrivate: boolean;
  maxBodyBytes: number;
  maxBatch: number;
  inboxRateLimit: number;
  outboundTimeoutMs: number;
  maxResponseBytes: number;
  replayWindowDays: number;
  retryHorizonHours: number;
  retryMaxDelaySeconds: number;
  retryAfterMaxSeconds: number;
  eventRetentionDays: number;
  staffNotificationRetentionDays: number;
  webhookRetryHorizonHours: number;
  webhookDeliveryRetentionDays: number;
  invitationTtlHours: number;
  keyRefetchIntervalSeconds: number;
  partnerMessageRateLimit: number;
  partnerStorageQuotaMib: number;
  resyncsPerHour: number;
  maxPartsPerVersion: number;
  maxProofBytesPerClaim: number;
  cashSaleBackdateHours: number;
  logLevel: LogLevel;
  metrics: MetricsMode;
  defaultLanguage: Language;
  /** Unset: with `metrics: token`, only the admin token may scrape. */
  metricsToken?: string;
  /** Unset: X-Forwarded-For is believed from no one. */
  trustedProxies?: string;
  /** Unset: the node keeps its data in the SQLite file of its data directory. */
  databaseUrl?: string;
  /** Absolute once validated; may be relative (to the working directory) on input. */
  dataDir: string;
}

export type SettingKey = keyof NodeConfig;

/** `url` is absent: its default depends on `port` (see {@link defaultUrl}). */
export const DEFAULTS: Readonly<Omit<NodeConfig, 'url'>> = Object.freeze({
  name: 'partner-sync node',
  host: '127.0.0.1',
  port: 8787,
  allowLoopback: false,
  allowPrivate: false,
  maxBodyBytes: MIB,
  maxBatch: 100,
  inboxRateLimit: 1200,
  outboundTimeoutMs: 10_000,
  maxResponseBytes: MIB,
  replayWindowDays: 30,
  retryHorizonHours: 168,
  retryMaxDelaySeconds: 3600,
  retryAfterMaxSeconds: 3600,
  eventRetentionDays: 30,
  staffNotificationRetentionDays: 90,
  webhookRetryHorizonHours: 72,
  webhookDeliveryRetentionDays: 7,
  invitationTtlHours: 168,
  keyRefetchIntervalSeconds: 60,
  partnerMessageRateLimit: 1200,
  partnerStorageQuotaMib: 1024,
  resyncsPerHour: 12,
  maxPartsPerVersion: 1000,
  maxProofBytesPerClaim: 10 * MIB,
  cashSaleBackdateHours: 24,
  logLevel: 'info',
  metrics: 'off',
  defaultLanguage: 'en',
  dataDir: './data',
});

/** The url a node gets when none is configured: reachable only from the same machine. */
export function defaultUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

export const ENV_PREFIX = 'PARTNER_SYNC_';
export const CONFIG_FILE_NAME = 'config.json';

export interface SettingSpec {
  key: SettingKey;
  type: 'string' | 'integer' | 'boolean' | 'enum';
  /** Environment variable, `PARTNER_SYNC_<UPPER_SNAKE>`. */
  env: string;
  /** Command-line flag, `--kebab-case`. */
  flag: string;
  /** One or two operator-facing sentences; rendered in docs and `--help`. */
  description: string;
  /** Inclusive bounds: a number for integers, a length in characters for strings. */
  min?: number;
  max?: number;
  values?: readonly string[];
  /** What an integer counts, used in error messages and docs ("bytes", "hours"…). */
  unit?: string;
  /** False for settings that cannot live in config.json. */
  inConfigFile?: boolean;
}

// Written out literally (rather than derived from the key) so that an operator grepping the
// code for PARTNER_SYNC_PORT finds it; a test checks the names follow the convention.
export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'name',
    type: 'string',
    env: 'PARTNER_SYNC_NAME',
    flag: '--name',
    min: 1,
    max: 200,
    description:
      'Display name of your company or node, shown to partners when you invite them or they invite you.',
  },
  {
    key: 'url',
    type: 'string',
    env: 'PARTNER_SYNC_URL',
    flag: '--url',
    description:
      "Public base URL at which partners reach this node, such as https://partners.example.com. It is the node's identity on the wire, so changing it later breaks existing partnerships. Defaults to http://127.0.0.1:<port>, which only works for local testing.",
  },
  {
    key: 'host',
    type: 'string',
    env: 'PARTNER_SYNC_HOST',
    flag: '--host',
    description:
      'Network address the HTTP server listens on. Use 0.0.0.0 (or ::) to accept connections from other machines, typically behind a reverse proxy.',
  },
  {
    key: 'port',
    type: 'integer',
    env: 'PARTNER_SYNC_PORT',
    flag: '--port',
    min: 0,
    max: 65535,
    description:
      'TCP port the HTTP server listens on. 0 picks a free port, which is only useful for tests.',
  },
  {
    key: 'allowLoopback',
    type: 'boolean',
    env: 'PARTNER_SYNC_ALLOW_LOOPBACK',
    flag: '--allow-loopback',
    description:
      "Allow outgoing requests to partner URLs on this machine (127.0.0.0/8, ::1, localhost). Off by default so a partner cannot point this node at local services; turned on automatically when the node's own url is on loopback, unless set to false.",
  },
  {
    key: 'allowPrivate',
    type: 'boolean',
    env: 'PARTNER_SYNC_ALLOW_PRIVATE',
    flag: '--allow-private',
    description:
      'Allow outgoing requests to partner URLs on private networks (such as 10.0.0.0/8, 192.168.0.0/16 or fc00::/7). Turn on only when all your partners are on the same internal network.',
  },
  {
    key: 'maxBodyBytes',
    type: 'integer',
    env: 'PARTNER_SYNC_MAX_BODY_BYTES',
    flag: '--max-body-bytes',
    min: KIB,
    max: 16 * MIB,
    unit: 'bytes',
    description:
      'Largest request body the node accepts from a partner; larger requests are refused.',
  },
  {
    key: 'maxBatch',
    type: 'integer',
    env: 'PARTNER_SYNC_MAX_BATCH',
    flag: '--max-batch',
    min: 1,
    max: 1000,
    unit: 'messages',
    description: 'Largest number of messages accepted in, or sent as, a single batch.',
  },
  {
    key: 'inboxRateLimit',
    type: 'integer',
    env: 'PARTNER_SYNC_INBOX_RATE_LIMIT',
    flag: '--inbox-rate-limit',
    min: 1,
    max: 1_000_000,
    unit: 'requests per minute',
    description:
      'How many inbox requests one client address may make per minute; further requests are answered "429 Too Many Requests" until the minute is over. The figure is the node\'s: several processes on PostgreSQL share one count (each may admit an address one request more before its share of the count comes back from the database).',
  },
  {
    key: 'outboundTimeoutMs',
    type: 'integer',
    env: 'PARTNER_SYNC_OUTBOUND_TIMEOUT_MS',
    flag: '--outbound-timeout-ms',
    min: 100,
    max: 120_000,
    unit: 'milliseconds',
    description:
      "How long to wait for a partner's node to answer a request before giving up on that attempt.",
  },
  {
    key: 'maxResponseBytes',
    type: 'integer',
    env: 'PARTNER_SYNC_MAX_RESPONSE_BYTES',
    flag: '--max-response-bytes',
    min: KIB,
    max: 16 * MIB,
    unit: 'bytes',
    description:
      "Largest response the node reads from a partner's node; a larger response is treated as a failure.",
  },
  {
    key: 'replayWindowDays',
    type: 'integer',
    env: 'PARTNER_SYNC_REPLAY_WINDOW_DAYS',
    flag: '--replay-window-days',
    min: 1,
    max: 365,
    unit: 'days',
    description:
      'How long received messages are remembered, so that one delivered twice is processed once. Messages sent longer ago than this are refused as stale.',
  },
  {
    key: 'eventRetentionDays',
    type: 'integer',
    env: 'PARTNER_SYNC_EVENT_RETENTION_DAYS',
    flag: '--event-retention-days',
    min: 1,
    max: 3650,
    unit: 'days',
    description:
      'How long domain events stay in the event log (GET /api/events, the live feed, webhook replay). Older events are deleted by a timed job.',
  },
  {
    key: 'staffNotificationRetentionDays',
    type: 'integer',
    env: 'PARTNER_SYNC_STAFF_NOTIFICATION_RETENTION_DAYS',
    flag: '--staff-notification-retention-days',
    min: 1,
    max: 3650,
    unit: 'days',
    description:
      "How long a staff member's notification stays in the console's inbox after they read it. Older read notifications are deleted by a timed job; unread ones are kept until they are read.",
  },
  {
    key: 'webhookRetryHorizonHours',
    type: 'integer',
    env: 'PARTNER_SYNC_WEBHOOK_RETRY_HORIZON_HOURS',
    flag: '--webhook-retry-horizon-hours',
    min: 1,
    max: 8760,
    unit: 'hours',
    description:
      "How long the node keeps retrying an event to a webhook endpoint that fails before it moves the delivery to the endpoint's dead letters, where an admin can retry it.",
  },
  {
    key: 'webhookDeliveryRetentionDays',
    type: 'integer',
    env: 'PARTNER_SYNC_WEBHOOK_DELIVERY_RETENTION_DAYS',
    flag: '--webhook-delivery-retention-days',
    min: 1,
    max: 3650,
    unit: 'days',
    description:
      "How long a webhook endpoint's delivery log keeps a delivered event. Older delivered rows are deleted by a timed job; pending and dead deliveries are kept until they are delivered or retried.",
  },
  {
    key: 'retryHorizonHours',
    type: 'integer',
    env: 'PARTNER_SYNC_RETRY_HORIZON_HOURS',
    flag: '--retry-horizon-hours',
    min: 1,
    max: 8760,
    unit: 'hours',
    description:
      'How long the node keeps retrying a message to a partner that cannot be reached before it moves the message to the dead letters, where an admin can retry it.',
  },
  {
    key: 'retryMaxDelaySeconds',
    type: 'integer',
    env: 'PARTNER_SYNC_RETRY_MAX_DELAY_SECONDS',
    flag: '--retry-max-delay-seconds',
    min: 1,
    max: 86_400,
    unit: 'seconds',
    description:
      'Longest wait between two tries of a failing delivery; the backoff doubles up to this.',
  },
  {
    key: 'retryAfterMaxSeconds',
    type: 'integer',
    env: 'PARTNER_SYNC_RETRY_AFTER_MAX_SECONDS',
    flag: '--retry-after-max-seconds',
    min: 1,
    max: 86_400,
    unit: 'seconds',
    description:
      'Longest wait honoured when a partner answers "Retry-After"; longer requests are shortened to this.',
  },
  {
    key: 'invitationTtlHours',
    type: 'integer',
    env: 'PARTNER_SYNC_INVITATION_TTL_HOURS',
    flag: '--invitation-ttl-hours',
    min: 1,
    max: 8760,
    unit: 'hours',
    description:
      'How long an invitation token stays valid after you create it; an unused token then expires and a new invitation is needed.',
  },
  {
    key: 'keyRefetchIntervalSeconds',
    type: 'integer',
    env: 'PARTNER_SYNC_KEY_REFETCH_INTERVAL_SECONDS',
    flag: '--key-refetch-interval-seconds',
    min: 1,
    max: 86_400,
    unit: 'seconds',
    description:
      "Shortest time between two fetches of the same partner's public keys, so that messages signed with an unknown key cannot make the node fetch keys over and over.",
  },
  {
    key: 'partnerMessageRateLimit',
    type: 'integer',
    env: 'PARTNER_SYNC_PARTNER_MESSAGE_RATE_LIMIT',
    flag: '--partner-message-rate-limit',
    min: 1,
    max: 1_000_000,
    unit: 'messages per minute',
    description:
      'How many messages one partner may send per minute, counted by its signed node id whatever address it sends from (portal partners included). A request that would go over is answered "429 Too Many Requests" (partner_rate_limited) and the partner retries later; nothing is lost. The figure is the node\'s: several processes on PostgreSQL share one count.',
  },
  {
    key: 'partnerStorageQuotaMib',
    type: 'integer',
    env: 'PARTNER_SYNC_PARTNER_STORAGE_QUOTA_MIB',
    flag: '--partner-storage-quota-mib',
    min: 1,
    max: 1_048_576,
    unit: 'MiB',
    description:
      'How much received message data one partner may have stored on this node. Past it the node logs a warning, shows the partner over quota in node status and metrics, and answers its further requests "429 Too Many Requests" (partner_quota_exceeded) until you raise the quota or the data ages out.',
  },
  {
    key: 'resyncsPerHour',
    type: 'integer',
    env: 'PARTNER_SYNC_RESYNCS_PER_HOUR',
    flag: '--resyncs-per-hour',
    min: 1,
    max: 10_000,
    unit: 'requests per hour',
    description:
      'How many sync.request messages (asking for a price list or catalog again) one partner may have answered per hour; a repeat of one still waiting is merged into it, and further requests are refused as conflict (resync_limited).',
  },
  {
    key: 'maxPartsPerVersion',
    type: 'integer',
    env: 'PARTNER_SYNC_MAX_PARTS_PER_VERSION',
    flag: '--max-parts-per-version',
    min: 1,
    max: 100_000,
    unit: 'parts',
    description:
      'Largest number of parts a received price list or catalog version may announce; a push announcing more is refused as conflict (too_many_parts).',
  },
  {
    key: 'maxProofBytesPerClaim',
    type: 'integer',
    env: 'PARTNER_SYNC_MAX_PROOF_BYTES_PER_CLAIM',
    flag: '--max-proof-bytes-per-claim',
    min: KIB,
    max: 25 * MIB,
    unit: 'bytes',
    description:
      'Largest total size of the proof files of one expense claim, uploaded in the portal or declared in a received claim; more is refused (proof_too_large).',
  },
  {
    key: 'cashSaleBackdateHours',
    type: 'integer',
    env: 'PARTNER_SYNC_CASH_SALE_BACKDATE_HOURS',
    flag: '--cash-sale-backdate-hours',
    min: 0,
    max: 720,
    unit: 'hours',
    description:
      'How long before this node receives it a cash sale sold to a partner may say it was handed over (soldAt). Within it the sale is priced at the version then in effect; an older one is rejected (RE, sold_at_out_of_window), never accepted automatically.',
  },
  {
    key: 'logLevel',
    type: 'enum',
    env: 'PARTNER_SYNC_LOG_LEVEL',
    flag: '--log-level',
    values: LOG_LEVELS,
    description:
      'How much the node logs: fatal, error, warn, info, debug, trace, or silent for nothing at all.',
  },
  {
    key: 'metrics',
    type: 'enum',
    env: 'PARTNER_SYNC_METRICS',
    flag: '--metrics',
    values: METRICS_MODES,
    description:
      'Whether GET /metrics answers (Prometheus text format): off (404), token (a bearer token is required: the admin token or metricsToken) or public (anyone who can reach the node; the labels name your partners, so only behind a proxy that keeps /metrics internal).',
  },
  {
    key: 'defaultLanguage',
    type: 'enum',
    env: 'PARTNER_SYNC_DEFAULT_LANGUAGE',
    flag: '--default-language',
    values: LANGUAGES,
    description:
      "Language of the partner portal's and the staff console's pages, and of e-mails, for people who chose none and whose browser asks for neither: en (English) or zh-CN (Simplified Chinese). A person's own choice and their browser's Accept-Language come first.",
  },
  {
    key: 'metricsToken',
    type: 'string',
    env: 'PARTNER_SYNC_METRICS_TOKEN',
    flag: '--metrics-token',
    min: 32,
    max: 256,
    description:
      'A bearer token that may read /metrics (and nothing else) when metrics is token, so the scraper does not need the admin token. At least 32 characters, for example from: openssl rand -hex 32.',
  },
  {
    key: 'trustedProxies',
    type: 'string',
    env: 'PARTNER_SYNC_TRUSTED_PROXIES',
    flag: '--trusted-proxies',
    max: 2000,
    description:
      'Addresses or CIDR ranges of your reverse proxies, comma-separated (e.g. 127.0.0.1, ::1). From them the node believes X-Forwarded-For, so every rate limit (inbox, connect, portal sign-in, failed admin tokens) counts each client rather than the proxy. Unset: believed from no one.',
  },
  {
    key: 'databaseUrl',
    type: 'string',
    env: 'PARTNER_SYNC_DATABASE_URL',
    flag: '--database-url',
    max: 2000,
    description:
      "A PostgreSQL database to keep the node's data in instead of the SQLite file of the data directory (postgres://user:password@host:5432/name), so that several processes on several machines can serve one node. Every process of the node names the same database and shares one copy of the data directory's keys. Unset: SQLite.",
  },
  {
    key: 'dataDir',
    type: 'string',
    env: 'PARTNER_SYNC_DATA_DIR',
    flag: '--data-dir',
    inConfigFile: false,
    description:
      'Directory holding the database, the signing keys and config.json, relative to the working directory unless absolute. Keep it private and back it up.',
  },
];

export const SETTINGS_BY_KEY: ReadonlyMap<string, SettingSpec> = new Map(
  SETTINGS.map((s) => [s.key, s]),
);
