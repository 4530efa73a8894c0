import type { Db } from '../../db/open-database.ts';
import type { ServiceRepo } from '../service-store.ts';

export function createServiceRepo(_db: Db): ServiceRepo {
  return {};
}
