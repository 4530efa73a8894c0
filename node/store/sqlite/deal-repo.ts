import type { Db } from '../../db/open-database.ts';
import type { DealRepo } from '../deal-store.ts';

export function createDealRepo(_db: Db): DealRepo {
  return {};
}
