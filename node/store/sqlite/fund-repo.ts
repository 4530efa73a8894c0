/** The marketing funds domain's tables behind its part of the storage boundary. */
import type { Db } from '../../db/open-database.ts';
import type { FundRepo } from '../fund-store.ts';

export function createFundRepo(_db: Db): FundRepo {
  return {};
}
