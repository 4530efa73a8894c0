/**
 * How many of a partner's queued messages one delivery request carries: as many as fit its
 * `maxBodyBytes`, judged before they are read. A price list's parts are messages of a quarter MiB,
 * and reading and parsing a hundred of them for the four that fit, claim after claim, cost more
 * than the rest of the push (issue 21). Both stores' claims use this.
 */
export interface QueuedSize {
  seq: number;
  bodyBytes: number;
  jwsBytes: number | null;
}

/**
 * The seqs of the queue's first messages whose signed forms fit one request of `maxBodyBytes`
 * (at least one: a message too large for any request is the transport's to dead-letter). An
 * unsigned message counts as no more than its signed form can be: its body in base64url, two dots
 * and an Ed25519 signature (86 characters). Never more, or messages that fit exactly would wait
 * for another request; the transport measures the signed ones and leaves any that do not fit
 * for the next batch.
 */
export function fitRequest(queue: readonly QueuedSize[], maxBodyBytes: number): number[] {
  const seqs: number[] = [];
  let size = '{"messages":[]}'.length;
  for (const m of queue) {
    // The JWS in quotes, and a comma before every one but the first (as the transport counts).
    const jws = m.jwsBytes ?? Math.ceil((m.bodyBytes * 4) / 3) + 2 + 86;
    size += jws + 2 + (seqs.length > 0 ? 1 : 0);
    if (size > maxBodyBytes && seqs.length > 0) break;
    seqs.push(m.seq);
  }
  return seqs;
}
