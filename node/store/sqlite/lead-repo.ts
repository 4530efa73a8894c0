import type { Db } from '../../db/open-database.ts';
import type { LeadRepo } from '../lead-store.ts';

export function createLeadRepo(_db: Db): LeadRepo {
  return {
    async findCustomerConflicts() {
      return [];
    },
  };
}
