/**
 * Partial profile input (PATCH a partner, classify a node we connect to), checked with the same
 * rules as a full profile: the given fields are laid over a base profile and the whole is parsed,
 * so `kinds` is judged against the partner type it will actually have.
 */
import { parsePartnerProfile } from '../partners/invitations.ts';
import type { PartnerProfile } from '../store/types.ts';

export const PROFILE_FIELDS = ['name', 'partnerType', 'relationship', 'kinds'] as const;

export function parseProfileChanges(
  input: Record<string, unknown>,
  base: Omit<PartnerProfile, 'allowedKinds'>,
  knownKinds: string[],
): Partial<PartnerProfile> {
  const has = (field: string) => Object.hasOwn(input, field);
  const merged = parsePartnerProfile(
    {
      name: has('name') ? input.name : base.name,
      partnerType: has('partnerType') ? input.partnerType : base.partnerType,
      relationship: has('relationship') ? input.relationship : base.relationship,
      kinds: input.kinds,
    },
    knownKinds,
  );
  const changes: Partial<PartnerProfile> = {};
  if (has('name')) changes.name = merged.name;
  if (has('partnerType')) changes.partnerType = merged.partnerType;
  if (has('relationship')) changes.relationship = merged.relationship;
  if (has('kinds')) changes.allowedKinds = merged.allowedKinds;
  return changes;
}
