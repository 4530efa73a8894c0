import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable, pipeline } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { KIB, NONE, useHttpFixture } from './http-fixture.ts';

const { serve, stopLast, client, timers } = useHttpFixture();

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function streamBytes(res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(16 * KIB, 0x61);
  async function* body() {
    for (let sent = 0; sent < total; sent += chunk.length) {
      yield chunk.subarray(0, Math.min(chunk.length, total - sent));
    }
  }
  // The client hangs up mid-body on purpose; the pipeline error is expected.
  pipeline(Readable.from(body()), res, () => undefined);
}

describe('http-client', () => {
  describe('SSRF guard', () => {
    it('refuses 127.0.0.1 when loopback is not allowed, and sends nothing', async () => {
      const server = await serve((_req, res) => res.end('secret'));
      const result = await client({ policy: NONE }).get(`${server.url}/`);
      expect(result).toMatchObject({ ok: false, code: 'ssrf_blocked' });
      expect(server.requests).toHaveLength(0);
    });

    it('refuses localhost when loopback is not allowed', async () => {
      const server = await serve((_req, res) => res.end('secret'));
      const result = await client({ policy: NONE }).get(`http://localhost:${server.port}/`);
      expect(result).toMatchObject({ ok: false, code: 'ssrf_blocked' });
      expect(server.requests).toHaveLength(0);
    });

    it('reaches loopback when the operator allows it', async () => {
      const server = await serve((_req, res) => res.end('{"hello":"world"}'));
      const result = await client().get(`http://localhost:${server.port}/`);
      expect(result).toMatchObject({ ok: true, response: { status: 200 } });
      if (result.ok) expect(result.response.bodyText).toBe('{"hello":"world"}');
    });

    it('refuses bad URLs before connecting', async () => {
      const c = client();
      expect(await c.get('ftp://partner.example/')).toMatchObject({ ok: false, code: 'bad_url' });
      expect(await c.postJson('http://u:p@partner.example/', '{}')).toMatchObject({
        ok: false,
        code: 'bad_url',
      });
    });
  });

  describe('redirects', () => {
    it('follows a GET redirect and checks each hop', async () => {
      const server = await serve((req, res) => {
        if (req.url === '/start') res.writeHead(302, { location: '/end' }).end();
        else res.end('arrived');
      });
      const result = await client().get(`${server.url}/start`);
      expect(result).toMatchObject({ ok: true, response: { status: 200, bodyText: 'arrived' } });
      expect(server.requests.map((r) => r.url)).toEqual(['/start', '/end']);
    });

    it('refuses a redirect to a refused address at connect time', async () => {
      const refused = await serve((_req, res) => res.end('internal'), '127.0.0.2');
      const allowed = await serve((_req, res) =>
        res.writeHead(307, { location: `${refused.url}/admin` }).end(),
      );
      // Loopback passes the static URL check; the connect-time hook allows only 127.0.0.1.
      const c = client({
        checkAddress: (ip) =>
          ip === '127.0.0.1' ? { ok: true } : { ok: false, range: 'test', detail: `${ip} refused` },
      });
      const result = await c.get(`${allowed.url}/`);
      expect(result).toMatchObject({ ok: false, code: 'ssrf_blocked' });
      expect(allowed.requests).toHaveLength(1);
      expect(refused.requests).toHaveLength(0);
    });

    it('refuses a redirect to a private or metadata literal without connecting', async () => {
      for (const location of ['http://10.0.0.1:9/', 'http://169.254.169.254/latest/meta-data/']) {
        const server = await serve((_req, res) => res.writeHead(302, { location }).end());
        // LOOPBACK allows the first hop (127.0.0.1) but not private or link-local.
        const result = await client().get(`${server.url}/`);
        expect(result, location).toMatchObject({ ok: false, code: 'ssrf_blocked' });
      }
    });

    it('refuses a redirect to a non-http scheme', async () => {
      const server = await serve((_req, res) =>
        res.writeHead(301, { location: 'file:///etc/passwd' }).end(),
      );
      expect(await client().get(`${server.url}/`)).toMatchObject({ ok: false, code: 'bad_url' });
    });

    it('stops after maxRedirects hops', async () => {
      const server = await serve((req, res) => {
        const n = Number(req.url?.slice(1) ?? '0');
        res.writeHead(302, { location: `/${n + 1}` }).end();
      });
      const result = await client({ maxRedirects: 3 }).get(`${server.url}/0`);
      expect(result).toMatchObject({ ok: false, code: 'too_many_redirects' });
      expect(server.requests.map((r) => r.url)).toEqual(['/0', '/1', '/2', '/3']);
    });

    it('allows exactly maxRedirects hops', async () => {
      const server = await serve((req, res) => {
        const n = Number(req.url?.slice(1) ?? '0');
        if (n < 3) res.writeHead(308, { location: `/${n + 1}` }).end();
        else res.end('done');
      });
      const result = await client({ maxRedirects: 3 }).get(`${server.url}/0`);
      expect(result).toMatchObject({ ok: true, response: { status: 200, bodyText: 'done' } });
    });

    it('answers a redirect without a Location as it is, following nothing', async () => {
      const server = await serve((_req, res) => res.writeHead(302).end('moved'));
      const result = await client().get(`${server.url}/`);
      expect(result).toMatchObject({ ok: true, response: { status: 302, bodyText: 'moved' } });
      expect(server.requests).toHaveLength(1);
    });

    it('refuses a redirect whose Location is not a URL as bad_url', async () => {
      const server = await serve((_req, res) => res.writeHead(302, { location: 'http://[' }).end());
      const result = await client().get(`${server.url}/`);
      expect(result).toEqual({
        ok: false,
        code: 'bad_url',
        detail: 'redirect with an invalid Location',
      });
      expect(server.requests).toHaveLength(1);
    });

    it('never follows a redirect on POST', async () => {
      const server = await serve((req, res) => {
        if (req.url === '/inbox') res.writeHead(302, { location: '/elsewhere' }).end();
        else res.end('followed');
      });
      const result = await client().postJson(`${server.url}/inbox`, '{}');
      expect(result).toMatchObject({ ok: true, response: { status: 302 } });
      if (result.ok) expect(result.response.headers.location).toBe('/elsewhere');
      expect(server.requests.map((r) => r.url)).toEqual(['/inbox']);
    });
  });

  describe('deadline', () => {
    it('times out on a server that never answers', async () => {
      const server = await serve(() => undefined);
      const started = Date.now();
      const result = await client({ timeoutMs: 300 }).get(`${server.url}/`);
      const elapsed = Date.now() - started;
      // Told apart from a caller's abort (a shutdown): the partner was too slow.
      expect(result).toEqual({
        ok: false,
        code: 'timeout',
        detail: 'no complete response within 300 ms',
      });
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(1_000);
    });

    it('times out on a server that trickles one byte every 100 ms', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-length': '1000' });
        const timer = setInterval(() => res.write('x'), 100);
        timers.add(timer);
        res.on('close', () => clearInterval(timer));
      });
      const started = Date.now();
      const result = await client({ timeoutMs: 300 }).get(`${server.url}/`);
      expect(result).toMatchObject({ ok: false, code: 'timeout' });
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it("ends the request when the caller's signal aborts", async () => {
      const server = await serve(() => undefined);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const result = await client().get(`${server.url}/`, { signal: controller.signal });
      expect(result).toMatchObject({ ok: false, code: 'timeout', detail: 'aborted by caller' });
    });
  });

  describe('response cap', () => {
    it('refuses early when content-length exceeds the cap', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-length': String(5 * KIB * KIB) });
        streamBytes(res, 5 * KIB * KIB);
      });
      const result = await client().get(`${server.url}/`);
      expect(result).toMatchObject({ ok: false, code: 'too_large' });
    });

    it('stops a chunked body as soon as it passes the cap', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        streamBytes(res, 5 * KIB * KIB);
      });
      const result = await client().get(`${server.url}/`);
      expect(result).toMatchObject({ ok: false, code: 'too_large' });
    });

    it('accepts a body of exactly the cap, chunked', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200);
        streamBytes(res, 64 * KIB);
      });
      const result = await client().get(`${server.url}/`);
      expect(result).toMatchObject({ ok: true, response: { status: 200 } });
      if (result.ok) expect(result.response.bodyText).toHaveLength(64 * KIB);
    });

    it('accepts a body of exactly the cap whose length is declared', async () => {
      const server = await serve((_req, res) => res.end('a'.repeat(64 * KIB)));
      const result = await client().get(`${server.url}/`);
      expect(result).toMatchObject({ ok: true, response: { status: 200 } });
      if (result.ok) {
        expect(result.response.headers['content-length']).toBe(String(64 * KIB));
        expect(result.response.bodyText).toHaveLength(64 * KIB);
      }
    });

    it('accepts a body just under the cap', async () => {
      const server = await serve((_req, res) => res.end('a'.repeat(64 * KIB - 1)));
      const result = await client().get(`${server.url}/`);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.response.bodyText).toHaveLength(64 * KIB - 1);
    });
  });

  describe('exchange', () => {
    it('makes its connection pool on the first request: closed unused, it sends nothing', async () => {
      const server = await serve((_req, res) => res.end('{}'));
      const used = client();
      expect(await used.get(`${server.url}/`)).toMatchObject({ ok: true });
      await used.close();
      const unused = client();
      await unused.close();
      expect(await unused.get(`${server.url}/`)).toMatchObject({ ok: false, code: 'network' });
      expect(server.requests).toHaveLength(1);
    });

    it('posts JSON and reads the reply', async () => {
      const server = await serve(async (req, res) => {
        const body = await readAll(req);
        res.writeHead(202, { 'Content-Type': 'application/json', 'X-Receipt': 'r1' });
        res.end(JSON.stringify({ got: JSON.parse(body), ua: req.headers['user-agent'] }));
      });
      const result = await client().postJson(`${server.url}/inbox`, '{"id":"m1"}', {
        headers: { 'X-Partner-Id': 'acme' },
      });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.response.status).toBe(202);
      expect(result.response.headers['content-type']).toBe('application/json');
      expect(result.response.headers['x-receipt']).toBe('r1');
      expect(JSON.parse(result.response.bodyText)).toEqual({
        got: { id: 'm1' },
        ua: 'partner-sync-test/1',
      });
      const req = server.requests[0];
      expect(req?.method).toBe('POST');
      expect(req?.headers['content-type']).toBe('application/json');
      expect(req?.headers['x-partner-id']).toBe('acme');
    });

    it('passes a 429 with Retry-After through as a response', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(429, { 'Retry-After': '120' }).end('slow down');
      });
      const result = await client().postJson(`${server.url}/inbox`, '{}');
      expect(result).toMatchObject({
        ok: true,
        response: { status: 429, bodyText: 'slow down', headers: { 'retry-after': '120' } },
      });
    });

    it('lets a caller’s header replace a default whatever its case, sending it once', async () => {
      const server = await serve((req, res) => res.end(JSON.stringify(req.headers)));
      const result = await client().postJson(`${server.url}/inbox`, '{}', {
        headers: { Accept: 'application/jose', 'USER-AGENT': 'other/2' },
      });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const seen = JSON.parse(result.response.bodyText) as Record<string, string>;
      expect([seen.accept, seen['user-agent']]).toEqual(['application/jose', 'other/2']);
    });

    it('sends the accept header asked for', async () => {
      const server = await serve((req, res) => res.end(req.headers.accept ?? ''));
      const result = await client().get(`${server.url}/jwks`, {
        accept: 'application/jwk-set+json',
      });
      expect(result).toMatchObject({
        ok: true,
        response: { bodyText: 'application/jwk-set+json' },
      });
    });

    it('reports a refused connection as network', async () => {
      const server = await serve((_req, res) => res.end());
      const port = server.port;
      await stopLast();
      const result = await client().get(`http://127.0.0.1:${port}/`);
      expect(result).toMatchObject({ ok: false, code: 'network' });
      if (!result.ok) {
        expect(result.detail).toContain('ECONNREFUSED');
        expect(result.detail).not.toContain('\n');
      }
    });
  });
});
