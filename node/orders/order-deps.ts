/** What the orders domain's operations need from the node (shared checks: domain-kernel/). */
import type { NodeDeps } from '../deps.ts';

export type OrderDeps = Pick<NodeDeps, 'store' | 'clock' | 'nodeId' | 'schemas' | 'notifyOutbox'>;
