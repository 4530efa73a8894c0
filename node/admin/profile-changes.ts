/**
 * Partial profile input (PATCH a partner, classify a node we connect to), checked with the same
 * rules as a full profile: the given fields are laid over a base profile and the whole is parsed,
 * so `kinds` is judged against the partner type it will actually have. Without `kinds`, a new
 * type or relationship of a partner we hold recomputes its default kinds.
 */
import { reclassifiedKinds } from '../partners/default-kinds.ts';
import { parsePartnerProfile } from '../partners/invitations.ts';
import type { PartnerProfile } from '../store/types.ts';

export const PROFILE_FIELDS = ['name', 'partnerType', 'relationship', 'kinds'] as const;

export function parseProfileChanges(
  input: Record<string, unknown>,
  /** With `allowedKinds` (a partner we hold), a new type or relationship recomputes them. */
  base: Omit<PartnerProfile, 'allowedKinds'> & { allowedKinds?: string[] },
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
  if (has('kinds')) {
    changes.allowedKinds = merged.allowedKinds;
  } else if (
    base.allowedKinds !== undefined &&
    (merged.partnerType !== base.partnerType || merged.relationship !== base.relationship)
  ) {
    // A reclassification: the new defaults, keeping what the operator added or removed.
    changes.allowedKinds = reclassifiedKinds(base.allowedKinds, base, merged);
  }
  return changes;
}
