/** The supplier's replenishment settings and the partner's auto-accept rules, written. */
import type {
  AutoAcceptRule,
  InventorySetting,
  PartnerInventorySettings,
} from '../store/inventory-store.ts';
import type { Partner } from '../store/types.ts';
import { VALID_DAYS, type AutoAcceptInput, type SettingInput } from './input.ts';
import type { InventoryDeps } from './inventory-deps.ts';

export async function putSetting(
  deps: InventoryDeps,
  partner: Partner,
  input: Omit<SettingInput, 'partner'>,
): Promise<InventorySetting> {
  const setting: InventorySetting = {
    partnerId: partner.id,
    sku: input.sku,
    location: input.location,
    policy: input.policy,
    min: input.min,
    max: input.max,
    days: input.days,
    leadTimeDays: input.leadTimeDays,
    packSize: input.packSize,
    updatedAt: deps.clock.now(),
  };
  await deps.store.transact((tx) => tx.inventory.putSetting(setting));
  return setting;
}

export async function putAutoAccept(
  deps: InventoryDeps,
  supplier: Partner,
  input: Omit<AutoAcceptInput, 'supplier'>,
): Promise<AutoAcceptRule> {
  const rule: AutoAcceptRule = { partnerId: supplier.id, ...input, updatedAt: deps.clock.now() };
  await deps.store.transact((tx) => tx.inventory.putAutoAccept(rule));
  return rule;
}

/**
 * Turns auto-propose on or off for a partner. Turning it on answers reports from now on: those
 * received before wait for a proposal sent by hand.
 */
export async function putPartnerSettings(
  deps: InventoryDeps,
  partner: Partner,
  input: { autoPropose?: boolean; validDays?: number },
): Promise<PartnerInventorySettings> {
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    const held = await tx.inventory.getPartnerSettings(partner.id);
    const autoPropose = input.autoPropose ?? held?.autoPropose ?? false;
    const settings: PartnerInventorySettings = {
      partnerId: partner.id,
      autoPropose,
      validDays: input.validDays ?? held?.validDays ?? VALID_DAYS.fallback,
      checkedUpTo: autoPropose && !held?.autoPropose ? now : (held?.checkedUpTo ?? now),
      updatedAt: now,
    };
    await tx.inventory.putPartnerSettings(settings);
    return settings;
  });
}
