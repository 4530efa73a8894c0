/** The vendor-managed inventory domain's tables behind its part of the storage boundary. */
import type { Db } from '../../db/open-database.ts';
import type { InventoryRepo } from '../inventory-store.ts';

export function createInventoryRepo(_db: Db): InventoryRepo {
  return {};
}
