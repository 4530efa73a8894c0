/**
 * The message the benchmark sends: a `partner.update`, the kind every node handles, filled to the
 * largest body its schema allows (about 0.8 KB), so that the payload is about 1 KB and the JWS
 * about 1.6 KB. When a kind with free text lands (lead.offer), it can take its place here.
 */
export const BENCH_KIND = 'partner.update';

export function benchBody(i: number): Record<string, unknown> {
  const tag = String(i).padStart(8, '0');
  return {
    name: `Bench Partner ${tag} `.padEnd(200, 'n'),
    contact: {
      name: `Contact ${tag} `.padEnd(200, 'c'),
      email: `${'e'.repeat(56)}${tag}@${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.com`,
      phone: '+49 30 1234 5678 (0) 99/88-77.66 55 44',
    },
    partnerType: 'reseller',
    relationship: 'strategic',
  };
}
