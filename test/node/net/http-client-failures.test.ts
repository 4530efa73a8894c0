/**
 * What the HTTP client reports when a partner's node fails it, and what it leaves behind: each
 * failure has its code and a detail an operator can act on (one line, bounded), an oversized
 * answer is refused before its body is read, and nothing holds a connection open afterwards.
 * Real servers on 127.0.0.1.
 */
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../node/net/http-client.ts';
import { CLIENT_DEFAULTS, KIB, useHttpFixture } from './http-fixture.ts';

const { serve, stopLast, client } = useHttpFixture();

/** Resolves true when the server's end of a connection closes, false after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (socket.destroyed) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

describe('http-client › failures', () => {
  it('reports a partner that drops the connection mid-answer as network, naming the cause', async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-length': '10' });
      res.write('abc');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const result = await client().get(`${server.url}/`);
    expect(result).toMatchObject({ ok: false, code: 'network' });
    if (!result.ok) expect(result.detail).toContain('UND_ERR_SOCKET');
  });

  it('reports a name that does not resolve as network, in one line of at most 200 characters', async () => {
    const label = (c: string) => c.repeat(60);
    const host = `${label('a')}.${label('b')}.${label('c')}.${label('d').slice(0, 50)}.invalid`;
    const result = await client().get(`http://${host}/`);
    expect(result).toMatchObject({ ok: false, code: 'network' });
    if (!result.ok) {
      expect(result.detail).toMatch(/ENOTFOUND|EAI_AGAIN/);
      expect(result.detail.length).toBeLessThanOrEqual(200);
      expect(result.detail).not.toContain('\n');
    }
  });

  it('names every address tried when each of a name’s addresses refuses', async () => {
    await serve((_req, res) => res.end());
    const { port } = await serve((_req, res) => res.end());
    await stopLast();
    // partner.example has two addresses here, and nothing listens on either.
    const result = await client({
      resolveAll: (_host, _options, callback) =>
        callback(null, [
          { address: '127.0.0.1', family: 4 },
          { address: '127.0.0.2', family: 4 },
        ]),
    }).get(`http://partner.example:${port}/`);
    expect(result).toMatchObject({ ok: false, code: 'network' });
    if (!result.ok) {
      expect(result.detail).toContain('ECONNREFUSED');
      expect(result.detail).toContain(`127.0.0.1:${port}`);
      expect(result.detail).toContain(`127.0.0.2:${port}`);
    }
  });

  it('refuses a declared length over the cap before a byte of the body arrives, and hangs up', async () => {
    let connection: Socket | undefined;
    const server = await serve((_req, res) => {
      // Declares one byte over the cap, then sends nothing: only the header can refuse it.
      res.writeHead(200, { 'content-length': String(64 * KIB + 1) });
      res.flushHeaders();
      connection = res.socket!;
    });
    const started = Date.now();
    const result = await client({ timeoutMs: 5_000 }).get(`${server.url}/`);
    expect(result).toEqual({
      ok: false,
      code: 'too_large',
      detail: `response body exceeds ${64 * KIB} bytes`,
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await closedWithin(connection!, 1_000)).toBe(true);
  });

  it('stops after three redirects when no limit is set', async () => {
    const server = await serve((req, res) => {
      const n = Number(req.url?.slice(1) ?? '0');
      if (n < 4) res.writeHead(302, { location: `/${n + 1}` }).end();
      else res.end('too far');
    });
    const c = client({ maxRedirects: undefined });
    const result = await c.get(`${server.url}/0`);
    expect(result).toEqual({
      ok: false,
      code: 'too_many_redirects',
      detail: 'more than 3 redirects',
    });
    expect(server.requests.map((r) => r.url)).toEqual(['/0', '/1', '/2', '/3']);
  });

  it('joins a repeated response header with ", "', async () => {
    const server = await serve((_req, res) => {
      res.setHeader('link', ['</a>; rel="a"', '</b>; rel="b"']);
      res.end();
    });
    const result = await client().get(`${server.url}/`);
    expect(result).toMatchObject({
      ok: true,
      response: { headers: { link: '</a>; rel="a", </b>; rel="b"' } },
    });
  });

  it('asks for JSON unless told otherwise, on GET and POST', async () => {
    const server = await serve((req, res) => res.end(req.headers.accept ?? '(none)'));
    const c = client();
    const got = await c.get(`${server.url}/`);
    const posted = await c.postJson(`${server.url}/`, '{}');
    expect([got, posted]).toMatchObject([
      { ok: true, response: { bodyText: 'application/json' } },
      { ok: true, response: { bodyText: 'application/json' } },
    ]);
  });

  it('hangs up its kept-alive connections when closed', async () => {
    let connection: Socket | undefined;
    const server = await serve((req, res) => {
      connection = req.socket;
      res.end('ok');
    });
    // Closed here rather than by the fixture.
    const c = createHttpClient(CLIENT_DEFAULTS);
    expect(await c.get(`${server.url}/`)).toMatchObject({ ok: true });
    await c.close();
    expect(await closedWithin(connection!, 1_000)).toBe(true);
  });
});
