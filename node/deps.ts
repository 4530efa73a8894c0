/**
 * What the node's parts need from the outside world, built once by the composition root
 * (`main.ts`) or by a test, and passed down. No module reaches for a global instead.
 */
import type { SchemaRegistry } from '../protocol/index.ts';
import type { Clock } from './clock.ts';
import type { NodeConfig } from './config/defaults.ts';
import type { HandlerRegistry } from './handlers/registry.ts';
import type { NodeKeys } from './identity/key-store.ts';
import type { Logger } from './logger.ts';
import type { NodeMetrics } from './metrics/metrics.ts';
import type { HttpClient } from './net/http-client.ts';
import type { Store } from './store/store.ts';

export interface NodeDeps {
  config: NodeConfig;
  /** This node's id on the wire: its public base URL. */
  nodeId: string;
  store: Store;
  clock: Clock;
  keys: NodeKeys;
  http: HttpClient;
  log: Logger;
  schemas: SchemaRegistry;
  handlers: HandlerRegistry;
  /** Wakes the outbox worker after messages were enqueued. */
  notifyOutbox(): void;
  /** Prometheus counters; absent in unit tests that build deps by hand. */
  metrics?: NodeMetrics | undefined;
}
