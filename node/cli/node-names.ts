/**
 * People read partners by name, not by node URL: the names of every partner we hold, by node
 * id, and this node's own name for its own id. Used by listings that would otherwise show URLs.
 */
import type { Store } from '../store/store.ts';

export async function nodeNames(
  store: Store,
  self: { nodeId: string; name: string },
): Promise<(nodeId: string | null | undefined) => string> {
  const partners = await store.read((tx) => tx.partners.list());
  const names = new Map(partners.map((p) => [p.nodeId, p.name]));
  names.set(self.nodeId, `${self.name} (this node)`);
  return (nodeId) => (nodeId ? (names.get(nodeId) ?? nodeId) : '-');
}
