// "Did you mean …?" for misspelt setting names. Typos in config are the commonest operator
// mistake, and naming the intended setting turns a puzzle into a one-character fix.

/** Letters and digits only, lower-cased: `max_body_bytes`, `max-body-bytes` and `maxBodyBytes` meet. */
function fold(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate closest to `input`, or undefined when nothing is close enough to be a likely
 * typo (so that an unrelated name gets no misleading suggestion).
 */
export function closestName(input: string, candidates: readonly string[]): string | undefined {
  const folded = fold(input);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(folded, fold(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // About one edit per three characters: catches swaps and slips, not different words.
  const tolerance = Math.max(2, Math.floor(folded.length / 3));
  return bestDistance <= tolerance ? best : undefined;
}
