/** POST /profile: tell partners about a change of our own profile (partner.update). */
import type { AppDeps } from '../app.ts';
import { AppError, badRequest } from '../errors.ts';
import { sendProfileUpdate } from '../partners/profile-update.ts';
import type { Partner } from '../store/types.ts';
import * as ops from './core-operations.ts';
import { invalidField, partnerRefOf } from './fields.ts';
import { createOperationRouter } from './operation.ts';
import { getPartnerByRef } from './partner-ref.ts';

const UPDATE_FIELDS = ['name', 'contact', 'partnerType', 'relationship'] as const;

export function createProfileRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  app.openapi(ops.sendProfileUpdate, async (c) => {
    const { to, ...update } = c.req.valid('json');
    if (Object.keys(update).length === 0) {
      throw badRequest('invalid_field', `give at least one of ${UPDATE_FIELDS.join(', ')}`);
    }
    const valid = c.var.deps.schemas.validateBody('partner.update', update);
    if (!valid.ok) {
      throw invalidField(fieldOf(valid.pointer), `invalid profile: ${valid.detail}`);
    }
    const recipients = to === undefined ? 'all' : await resolveRecipients(c.var.deps, to);
    const result = await sendProfileUpdate(c.var.deps, update, recipients);
    return c.json(result, 202);
  });

  return app;
}

async function resolveRecipients(
  deps: AppDeps,
  to: ReadonlyArray<string | number>,
): Promise<Partner[]> {
  const refs = [...new Set(to.map((ref) => partnerRefOf(ref, 'to')))];
  const partners = await deps.store.read((tx) =>
    Promise.all(refs.map((ref) => getPartnerByRef(tx, ref))),
  );
  const byId = new Map<number, Partner>();
  partners.forEach((partner, i) => {
    if (!partner) throw invalidField('to', `no partner ${refs[i]}`);
    // Refused rather than skipped: the operator named it and would otherwise believe it was told.
    if (partner.status !== 'active') {
      throw new AppError(409, 'partner_not_active', `partner ${refs[i]} is ${partner.status}`, {
        field: 'to',
      });
    }
    // An id and a node id may name the same partner: it is told once.
    byId.set(partner.id, partner);
  });
  return [...byId.values()];
}

/** A JSON pointer of the update body as a field path: `/contact/email` → `contact.email`. */
function fieldOf(pointer: string): string {
  return pointer.replace(/^\//, '').split('/').join('.') || 'body';
}
