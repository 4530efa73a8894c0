/** What this domain's operations need from the node (the checks they share are in domain-kernel/). */
import type { NodeDeps } from '../deps.ts';

export type InventoryDeps = Pick<
  NodeDeps,
  'store' | 'clock' | 'nodeId' | 'schemas' | 'notifyOutbox'
>;
