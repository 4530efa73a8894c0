/** The orders domain's tables behind its part of the storage boundary. */
import type { Db } from '../../db/open-database.ts';
import type { OrderRepo } from '../order-store.ts';

export function createOrderRepo(_db: Db): OrderRepo {
  return {};
}
