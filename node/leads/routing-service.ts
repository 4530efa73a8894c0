/** The owner's routing configuration: rules, and what routing knows about each partner. */
import { notFound } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { attributesView, ruleView } from './lead-views.ts';
import { parseAttributes, parseRule } from './routing-input.ts';

export async function listRules(store: Store) {
  return store.read(async (tx) => (await tx.leads.listRules()).map(ruleView));
}

export async function createRule(store: Store, input: Record<string, unknown>, now: Date) {
  const rule = parseRule(input);
  return store.transact(async (tx) => ruleView(await tx.leads.insertRule(rule, now)));
}

export async function updateRule(
  store: Store,
  id: number,
  input: Record<string, unknown>,
  now: Date,
) {
  return store.transact(async (tx) => {
    const current = await tx.leads.getRule(id);
    if (!current) throw notFound(`routing rule ${id}`);
    await tx.leads.updateRule(id, parseRule(input, current), now);
    return ruleView((await tx.leads.getRule(id))!);
  });
}

export async function deleteRule(store: Store, id: number): Promise<void> {
  const deleted = await store.transact((tx) => tx.leads.deleteRule(id));
  if (!deleted) throw notFound(`routing rule ${id}`);
}

/** Every partner with its routing attributes (none set: no tier, no regions, no products). */
export async function listPartnerRouting(store: Store) {
  return store.read(async (tx) => {
    const attributes = new Map(
      (await tx.leads.listPartnerAttributes()).map((a) => [a.partnerId, a]),
    );
    return (await tx.partners.list()).map((p) => ({
      ...(attributes.has(p.id)
        ? attributesView(attributes.get(p.id)!)
        : {
            partnerId: p.id,
            tier: null,
            regions: [] as string[],
            productLines: [] as string[],
            updatedAt: null,
          }),
      partnerName: p.name,
      partnerNodeId: p.nodeId,
      partnerStatus: p.status,
    }));
  });
}

export async function setPartnerRouting(
  store: Store,
  partner: Partner,
  input: Record<string, unknown>,
  now: Date,
) {
  return store.transact(async (tx) => {
    const current = await tx.leads.getPartnerAttributes(partner.id);
    const attributes = parseAttributes(partner.id, input, current, now);
    await tx.leads.setPartnerAttributes(attributes);
    return {
      ...attributesView(attributes),
      partnerName: partner.name,
      partnerNodeId: partner.nodeId,
      partnerStatus: partner.status,
    };
  });
}
