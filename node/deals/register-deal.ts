/**
 * The registering partner's side: register a deal with a vendor, amend it while the vendor has
 * not decided, each as a new version of the registration sent in deal.register.
 */
import { newMessageId } from '../../protocol/index.ts';
import type { NodeDeps } from '../deps.ts';
import { assertCanSend, assertValidBody, enqueueTo } from '../domain-kernel/send-to-partner.ts';
import { conflict, notFound } from '../errors.ts';
import type { Deal, DealFields } from '../store/deal-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { REGISTER_KIND, registerBody } from './deal-bodies.ts';
import { isPending, PENDING_STATUSES } from './deal-status.ts';

export type DealDeps = Pick<NodeDeps, 'store' | 'clock' | 'schemas' | 'notifyOutbox'>;

export async function registerDeal(
  deps: DealDeps,
  input: { vendor: Partner; dealId?: string; fields: DealFields },
): Promise<Deal> {
  const { vendor } = input;
  assertCanSend(vendor);
  const dealId = input.dealId ?? newMessageId();
  const body = validBody(deps, dealId, 1, input.fields);
  const now = deps.clock.now();
  const deal = await deps.store.transact(async (tx) => {
    if (await tx.deals.find('partner', vendor.id, dealId)) {
      throw conflict('deal_exists', `deal ${dealId} is registered with this vendor already`);
    }
    const created = await tx.deals.insert({
      role: 'partner',
      partnerId: vendor.id,
      dealId,
      version: 1,
      fields: input.fields,
      status: 'submitted',
      at: now,
    });
    await enqueueRegister(tx, created, vendor, body, now);
    return created;
  });
  deps.notifyOutbox();
  return deal;
}

/**
 * A new version of our registration, while the vendor has not decided it (submitted, or returned
 * for more information). It goes to the vendor as deal.register and is checked again there.
 */
export async function amendDeal(
  deps: DealDeps,
  id: number,
  changes: Partial<DealFields>,
): Promise<Deal> {
  const now = deps.clock.now();
  const deal = await deps.store.transact(async (tx) => {
    const deal = await ownDeal(tx, id);
    if (!isPending(deal.status)) {
      throw conflict(
        'deal_closed',
        `deal ${id} is ${deal.status}; only ${PENDING_STATUSES.join(' or ')} registrations change`,
      );
    }
    const vendor = await tx.partners.getById(deal.partnerId);
    if (!vendor) throw notFound(`partner ${deal.partnerId}`);
    assertCanSend(vendor);
    const fields: DealFields = {
      endCustomer: changes.endCustomer ?? deal.endCustomer,
      products: changes.products ?? deal.products,
      estimatedValue: changes.estimatedValue ?? deal.estimatedValue,
      currency: changes.currency ?? deal.currency,
      expectedCloseDate: changes.expectedCloseDate ?? deal.expectedCloseDate,
      notes: changes.notes === undefined ? deal.notes : changes.notes,
    };
    const version = deal.version + 1;
    const body = validBody(deps, deal.dealId, version, fields);
    await tx.deals.amend(deal.id, { version, fields, status: 'submitted', at: now });
    const amended = { ...deal, ...fields, version, status: 'submitted' as const, updatedAt: now };
    await enqueueRegister(tx, amended, vendor, body, now);
    return amended;
  });
  deps.notifyOutbox();
  return deal;
}

/** A registration this node made, or a 404 / 409 that says why not. */
export async function ownDeal(tx: StoreTx, id: number): Promise<Deal> {
  const deal = await tx.deals.get(id);
  if (!deal) throw notFound(`deal ${id}`);
  if (deal.role !== 'partner') {
    throw conflict(
      'deal_wrong_role',
      `deal ${id} was registered with us by a partner; only the registering partner changes it`,
    );
  }
  return deal;
}

function validBody(deps: DealDeps, dealId: string, version: number, fields: DealFields) {
  const body = registerBody(dealId, version, fields);
  assertValidBody(deps.schemas, REGISTER_KIND, body, { wrapper: 'deal' });
  return body;
}

async function enqueueRegister(
  tx: StoreTx,
  deal: Deal,
  vendor: Partner,
  body: unknown,
  now: Date,
): Promise<void> {
  const messageId = newMessageId();
  await enqueueTo(tx, vendor, { messageId, kind: REGISTER_KIND, body }, now);
  await tx.deals.addMessage({
    dealRowId: deal.id,
    direction: 'out',
    kind: REGISTER_KIND,
    messageId,
    version: deal.version,
    jws: null,
    at: now,
  });
}
