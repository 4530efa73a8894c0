/**
 * Secrets never reach the request log (security review, finding 5): a real node logging at debug
 * level is taken through a portal sign-in, a link with a token in its query and an invitation
 * path, and the raw log output is searched for the secrets.
 */
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../../../node/http/redact-secrets.ts';
import { createLogger } from '../../../node/logger.ts';
import { invitePortal, PortalClient } from '../../portal/portal-fixture.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../../support/test-node.ts';
import { FUZZ_RUNS, FUZZ_SEED } from '../../faults/support/fuzz-runs.ts';

describe('http › redact secrets', () => {
  it('replaces tokens after sign-in and invitation segments, token-like segments and secret query values', () => {
    expect(redactUrl('/portal/sign-in/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde')).toBe(
      '/portal/sign-in/[redacted]',
    );
    expect(redactUrl('/portal/sign-in')).toBe('/portal/sign-in');
    expect(redactUrl('/invitations/short?x=1')).toBe('/invitations/[redacted]?x=1');
    expect(redactUrl('/files/psa_0123456789abcdefghijklmnopqrstuvwxyzABCD/x')).toBe(
      '/files/[redacted]/x',
    );
    // Record ids stay readable.
    const uuid = '0b5d6c1e-8f3a-4c2b-9d7e-1a2b3c4d5e6f';
    expect(redactUrl(`/portal/partners/${uuid}/jwks.json`)).toBe(
      `/portal/partners/${uuid}/jwks.json`,
    );
    expect(redactUrl('/api/messages/in?limit=5&token=s3cret&api_key=k&x=y')).toBe(
      '/api/messages/in?limit=5&token=[redacted]&api_key=[redacted]&x=y',
    );
    expect(redactUrl('http://h.example/a?access%5Ftoken=zz')).toBe('/a?access%5Ftoken=[redacted]');
    expect(redactUrl('http://[bad host/sign-in/abc#frag')).toBe('/sign-in/[redacted]');
  });

  it('never lets a secret through, wherever a link or query puts it', () => {
    const base64url = fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
    );
    const secret = fc.string({ unit: base64url, minLength: 20, maxLength: 100 });
    const segment = fc.string({ unit: base64url, minLength: 1, maxLength: 10 });
    const prefix = fc.array(segment, { maxLength: 4 }).map((s) => s.map((x) => `/${x}`).join(''));
    // Each placement gives the URL and the secret in it (a bare segment is a 43-character token).
    const place = fc.constantFrom(
      (p: string, t: string) => [`${p}/sign-in/${t}`, t],
      (p: string, t: string) => [`${p}/invitations/${t}?a=1`, t],
      (p: string, t: string) => [`${p}/x?token=${t}`, t],
      (p: string, t: string) => [`${p}?a=b&access_token=${t}&c=d`, t],
      (p: string, t: string) => [`${p}/${t.padEnd(43, 'x')}`, t.padEnd(43, 'x')],
    );
    fc.assert(
      fc.property(prefix, secret, place, (p, t, put) => {
        const [url, shown] = put(p, t);
        expect(redactUrl(url!)).not.toContain(shown);
      }),
      { numRuns: FUZZ_RUNS, ...FUZZ_SEED },
    );
  });

  describe('the request log of a real node', () => {
    let node: TestNode;
    let output = '';
    beforeAll(async () => {
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          output += chunk.toString();
          done();
        },
      });
      node = await createTestNode({ name: 'logged', log: createLogger('debug', sink) });
    });
    afterAll(async () => {
      await node?.stop();
      await removeTestDirs();
    });

    it('never holds a sign-in token, an invitation token or a token query value', async () => {
      const invited = await invitePortal(node, 'Logged Reseller');
      const token = new URL(invited.signInUrl).pathname.split('/').at(-1)!;
      const client = new PortalClient(node.url);
      const opened = await client.get(invited.signInUrl);
      expect(opened.status).toBe(200);
      expect((await client.post(invited.signInUrl)).status).toBe(303);
      // Used: the link is refused now, and that refusal is logged too.
      expect((await client.get(invited.signInUrl)).status).toBe(410);
      await fetch(`${node.url}/portal/sign-in?token=query-secret-1234&next=home`).then((r) =>
        r.arrayBuffer(),
      );
      await fetch(`${node.url}/api/invitations/inv-secret-5678`, {
        headers: { authorization: `Bearer ${node.adminToken}` },
      }).then((r) => r.arrayBuffer());

      const lines = output
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const paths = lines.filter((l) => l.msg === 'request').map((l) => l.path);
      expect(paths).toContain('/portal/sign-in/[redacted]');
      expect(paths).toContain('/portal/sign-in?token=[redacted]&next=home');
      expect(paths).toContain('/api/invitations/[redacted]');
      for (const secret of [token, 'query-secret-1234', 'inv-secret-5678', node.adminToken]) {
        expect(output).not.toContain(secret);
      }
    });
  });
});
