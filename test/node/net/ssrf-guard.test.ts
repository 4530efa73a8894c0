import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import type { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { AddressPolicy } from '../../../node/net/address-policy.ts';
import {
  SsrfBlockedError,
  checkUrl,
  createGuardedAgent,
  createGuardedLookup,
} from '../../../node/net/ssrf-guard.ts';
import type { ResolveAll } from '../../../node/net/ssrf-guard.ts';

const NONE: AddressPolicy = { allowLoopback: false, allowPrivate: false };
const LOOPBACK: AddressPolicy = { allowLoopback: true, allowPrivate: false };
const BOTH: AddressPolicy = { allowLoopback: true, allowPrivate: true };

const servers: Server[] = [];
const agents: Agent[] = [];

afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.destroy()));
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

async function okServer(): Promise<{ port: number; requests: () => number }> {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    res.end('hello');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, requests: () => requests };
}

async function guarded(policy: AddressPolicy): Promise<Agent> {
  const agent = await createGuardedAgent(policy, { connectTimeoutMs: 1_000 });
  agents.push(agent);
  return agent;
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the request to fail');
}

function hasSsrfCode(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e instanceof Error && i < 8; e = e.cause, i++) {
    if ((e as { code?: unknown }).code === 'SSRF_BLOCKED') return true;
  }
  return false;
}

describe('ssrf-guard', () => {
  describe('checkUrl', () => {
    it('accepts absolute http and https URLs with a public host', () => {
      const result = checkUrl('https://partner.example/inbox?x=1', NONE);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.url.href).toBe('https://partner.example/inbox?x=1');
      expect(checkUrl('http://8.8.8.8:8080/', NONE).ok).toBe(true);
      expect(checkUrl('http://[2606:4700::1]/', NONE).ok).toBe(true);
    });

    it('refuses malformed URLs, other schemes and credentials as bad_url', () => {
      for (const url of [
        'not a url',
        '/relative/path',
        'ftp://partner.example/',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'http://user:pass@partner.example/',
        'https://user@partner.example/',
        // No host: the URL parser refuses these, so checkUrl needs no check of its own.
        'http://',
        'https://:443/',
        'http://@/',
        'https://[]/',
      ]) {
        expect(checkUrl(url, BOTH), url).toMatchObject({ ok: false, code: 'bad_url' });
      }
    });

    it('refuses IP literals in reserved ranges, in any spelling', () => {
      for (const url of [
        'http://127.0.0.1/',
        'http://2130706433/',
        'http://0x7f.1/',
        'http://[::1]:8080/',
        'http://[::ffff:127.0.0.1]/',
        'http://[::127.0.0.1]/',
        'http://[::ffff:0:127.0.0.1]/',
        'http://[::a9fe:a9fe]/',
        'http://10.0.0.1/',
        'http://[fd00::1]/',
        'http://169.254.169.254/latest/meta-data/',
        'http://[fe80::1]/',
        'http://0.0.0.0/',
      ]) {
        expect(checkUrl(url, NONE), url).toMatchObject({ ok: false, code: 'ssrf_blocked' });
      }
    });

    it('treats localhost names as loopback', () => {
      for (const url of ['http://localhost:3000/', 'http://api.localhost/', 'http://LOCALHOST./']) {
        expect(checkUrl(url, NONE), url).toMatchObject({ ok: false, code: 'ssrf_blocked' });
        expect(checkUrl(url, LOOPBACK).ok, url).toBe(true);
      }
    });

    it('lets the policy allow loopback and private, never link-local', () => {
      expect(checkUrl('http://127.0.0.1:8080/', LOOPBACK).ok).toBe(true);
      expect(checkUrl('http://10.0.0.1/', LOOPBACK).ok).toBe(false);
      expect(checkUrl('http://10.0.0.1/', BOTH).ok).toBe(true);
      expect(checkUrl('http://169.254.169.254/', BOTH).ok).toBe(false);
    });
  });

  describe('createGuardedLookup', () => {
    const mixed: ResolveAll = (_host, _opts, cb) =>
      cb(null, [
        { address: '10.0.0.5', family: 4 },
        { address: '93.184.215.14', family: 4 },
        { address: 'fd00::5', family: 6 },
      ]);
    const check = (ip: string) =>
      ip.startsWith('10.') || ip.startsWith('fd')
        ? { ok: false as const, range: 'private', detail: `${ip} private` }
        : { ok: true as const };

    it('keeps only the allowed addresses of a mixed answer', async () => {
      const lookup = createGuardedLookup(check, mixed);
      const all = await new Promise((resolve, reject) =>
        lookup('partner.example', { all: true }, (err, addresses) =>
          err ? reject(err) : resolve(addresses),
        ),
      );
      expect(all).toEqual([{ address: '93.184.215.14', family: 4 }]);
      const one = await new Promise((resolve, reject) =>
        lookup('partner.example', {}, (err, address, family) =>
          err ? reject(err) : resolve({ address, family }),
        ),
      );
      expect(one).toEqual({ address: '93.184.215.14', family: 4 });
    });

    it('fails with SSRF_BLOCKED when every address is refused', async () => {
      const lookup = createGuardedLookup(check, (_h, _o, cb) =>
        cb(null, [{ address: '10.0.0.5', family: 4 }]),
      );
      const err = await new Promise((resolve) => lookup('internal.example', {}, resolve));
      expect(err).toBeInstanceOf(SsrfBlockedError);
      expect(err).toMatchObject({ code: 'SSRF_BLOCKED', range: 'private' });
    });
  });

  describe('checkUrl reasons', () => {
    it('names why a URL is refused', () => {
      expect(checkUrl('ftp://partner.example/', BOTH)).toEqual({
        ok: false,
        code: 'bad_url',
        detail: 'scheme ftp: is not http or https',
      });
      expect(checkUrl('https://user@partner.example/', BOTH)).toEqual({
        ok: false,
        code: 'bad_url',
        detail: 'credentials in URL',
      });
      expect(checkUrl('https://:secret@partner.example/', BOTH)).toMatchObject({
        code: 'bad_url',
        detail: 'credentials in URL',
      });
      expect(checkUrl('nope', BOTH)).toEqual({
        ok: false,
        code: 'bad_url',
        detail: 'not an absolute URL',
      });
      expect(checkUrl('http://[::1]:8080/', NONE)).toEqual({
        ok: false,
        code: 'ssrf_blocked',
        detail: '::1 is in ::1/128 (loopback, RFC 4291), class loopback',
      });
      expect(checkUrl('http://app.localhost../', NONE)).toEqual({
        ok: false,
        code: 'ssrf_blocked',
        detail: 'app.localhost.. is loopback (RFC 6761)',
      });
    });

    it('judges an IPv6 literal by its address, not as a name', () => {
      // A public IPv6 literal passes; a bracketed private one is refused as an address.
      expect(checkUrl('http://[2606:4700::1111]/', NONE)).toMatchObject({ ok: true });
      expect(checkUrl('http://[fd00::1]/', LOOPBACK)).toMatchObject({
        ok: false,
        code: 'ssrf_blocked',
      });
      expect(checkUrl('http://[fd00::1]/', BOTH)).toMatchObject({ ok: true });
    });

    it('does not take a name that merely contains localhost for loopback', () => {
      for (const url of [
        'http://localhost.example/',
        'http://mylocalhost/',
        'http://localhostx/',
      ]) {
        expect(checkUrl(url, NONE), url).toMatchObject({ ok: true });
      }
    });
  });

  describe('createGuardedLookup failures', () => {
    const check = (ip: string) =>
      ip.startsWith('10.')
        ? { ok: false as const, range: '10.0.0.0/8 private', detail: `${ip} is private` }
        : { ok: true as const };

    it('passes a resolver error on unchanged', async () => {
      const failure = Object.assign(new Error('ENOTFOUND nowhere.example'), { code: 'ENOTFOUND' });
      const lookup = createGuardedLookup(check, (_h, _o, cb) => cb(failure, []));
      const err = await new Promise((resolve) => lookup('nowhere.example', {}, resolve));
      expect(err).toBe(failure);
    });

    it('names the first refused address and its range, or that nothing resolved', async () => {
      const refused = createGuardedLookup(check, (_h, _o, cb) =>
        cb(null, [
          { address: '10.0.0.5', family: 4 },
          { address: '10.0.0.6', family: 4 },
        ]),
      );
      const err = await new Promise<unknown>((resolve) =>
        refused('internal.example', {}, (e) => resolve(e)),
      );
      expect(err).toBeInstanceOf(SsrfBlockedError);
      expect(err).toMatchObject({
        name: 'SsrfBlockedError',
        code: 'SSRF_BLOCKED',
        address: 'internal.example',
        range: '10.0.0.0/8 private',
        message: 'SSRF guard refused internal.example: 10.0.0.5 is private',
      });

      const empty = createGuardedLookup(check, (_h, _o, cb) => cb(null, []));
      const none = await new Promise<unknown>((resolve) =>
        empty('void.example', {}, (e) => resolve(e)),
      );
      expect(none).toMatchObject({
        range: 'none',
        message: 'SSRF guard refused void.example: no address resolved',
      });
    });
  });

  describe('createGuardedAgent', () => {
    it('refuses a loopback IP literal at connect time before any request is sent', async () => {
      const server = await okServer();
      const err = await failureOf(
        request(`http://127.0.0.1:${server.port}/`, { dispatcher: await guarded(NONE) }),
      );
      expect(hasSsrfCode(err)).toBe(true);
      expect(server.requests()).toBe(0);
    });

    it('refuses a DNS name that resolves to loopback', async () => {
      const server = await okServer();
      const err = await failureOf(
        request(`http://localhost:${server.port}/`, { dispatcher: await guarded(NONE) }),
      );
      expect(hasSsrfCode(err)).toBe(true);
      expect(server.requests()).toBe(0);
    });

    it('connects when the policy allows the address', async () => {
      const server = await okServer();
      const res = await request(`http://localhost:${server.port}/`, {
        dispatcher: await guarded(LOOPBACK),
      });
      expect(res.statusCode).toBe(200);
      expect(await res.body.text()).toBe('hello');
      expect(server.requests()).toBe(1);
    });

    it('checks the connected address even when the lookup allowed it (rebinding)', async () => {
      const server = await okServer();
      // Allows every resolved name but refuses the address the socket really reached.
      const seen: string[] = [];
      const agent = await createGuardedAgent(LOOPBACK, {
        connectTimeoutMs: 1_000,
        checkAddress: (ip) => {
          seen.push(ip);
          return seen.length === 1
            ? { ok: true }
            : { ok: false, range: 'test', detail: `${ip} refused on second look` };
        },
      });
      agents.push(agent);
      const err = await failureOf(
        request(`http://localhost:${server.port}/`, { dispatcher: agent }),
      );
      expect(hasSsrfCode(err)).toBe(true);
      expect(seen).toEqual(['127.0.0.1', '127.0.0.1']);
      expect(server.requests()).toBe(0);
    });
  });
});
