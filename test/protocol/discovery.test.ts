import { describe, expect, it } from 'vitest';
import {
  buildDiscoveryDocument,
  JWKS_PATH,
  parseDiscoveryDocument,
  WELL_KNOWN_PATH,
} from '../../protocol/index.ts';

const NODE = 'https://partners.acme.example';

function doc(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...buildDiscoveryDocument({
      nodeId: NODE,
      name: 'Acme Corp',
      kinds: ['partner.connect', 'partner.update', 'partner.disconnect'],
      maxBatch: 100,
      maxBodyBytes: 1_048_576,
    }),
    ...over,
  };
}

describe('discovery', () => {
  it('exposes the well-known paths', () => {
    expect(WELL_KNOWN_PATH).toBe('/.well-known/partner-sync');
    expect(JWKS_PATH).toBe('/.well-known/jwks.json');
  });

  it('builds the document with absolute URLs below the node id', () => {
    expect(doc()).toEqual({
      protocol: 'partner-sync/1',
      nodeId: NODE,
      name: 'Acme Corp',
      inbox: `${NODE}/inbox`,
      connect: `${NODE}/connect`,
      jwks: `${NODE}/.well-known/jwks.json`,
      kinds: ['partner.connect', 'partner.update', 'partner.disconnect'],
      maxBatch: 100,
      maxBodyBytes: 1_048_576,
    });
    expect(() =>
      buildDiscoveryDocument({
        nodeId: `${NODE}/`,
        name: 'x',
        kinds: [],
        maxBatch: 1,
        maxBodyBytes: 1,
      }),
    ).toThrow(TypeError);
  });

  it('parses what it builds, as a copy, and checks the expected node id', () => {
    const d = JSON.parse(JSON.stringify(doc()));
    expect(parseDiscoveryDocument(d)).toEqual({ ok: true, doc: d });
    expect(parseDiscoveryDocument(d, NODE)).toEqual({ ok: true, doc: d });
    const r = parseDiscoveryDocument(d);
    expect(r.ok && r.doc).not.toBe(d);
    expect(parseDiscoveryDocument(d, 'https://impostor.example')).toMatchObject({ ok: false });
  });

  it('rejects invalid documents with a detail', () => {
    const { inbox: _inbox, ...noInbox } = doc();
    const bad: unknown[] = [
      null,
      [],
      'doc',
      noInbox,
      doc({ protocol: 'partner-sync/2' }),
      doc({ nodeId: `${NODE}/` }),
      doc({ nodeId: 'https://PARTNERS.acme.example' }),
      doc({ inbox: 'ftp://acme.example/inbox' }),
      doc({ jwks: 'not a url' }),
      doc({ kinds: ['Partner'] }),
      doc({ kinds: ['a.b', 'a.b'] }),
      doc({ maxBatch: 0 }),
      doc({ maxBatch: 1.5 }),
      doc({ maxBodyBytes: '1000000' }),
      doc({ name: '' }),
      doc({ extra: true }),
    ];
    for (const d of bad) {
      const r = parseDiscoveryDocument(d);
      expect(r, JSON.stringify(d)).toMatchObject({ ok: false, detail: expect.any(String) });
    }
    expect(parseDiscoveryDocument(doc({ maxBatch: 0 }))).toEqual({
      ok: false,
      code: 'bad_discovery',
      detail: 'discovery document /maxBatch: must be >= 1',
    });
  });

  it('refuses an inbox, connect or jwks URL off the node id origin (issue 14.14)', () => {
    for (const over of [
      { inbox: 'https://elsewhere.example/inbox' },
      { connect: 'https://victim.example/api/anything' },
      { jwks: 'https://attacker.example/.well-known/jwks.json' },
      { inbox: 'http://partners.acme.example/inbox' }, // other scheme
      { jwks: 'https://partners.acme.example:8443/.well-known/jwks.json' }, // other port
      { inbox: 'https://sub.partners.acme.example/inbox' }, // other host
    ]) {
      expect(parseDiscoveryDocument(doc(over), NODE), JSON.stringify(over)).toMatchObject({
        ok: false,
        code: 'foreign_endpoint',
        detail: expect.stringContaining(Object.keys(over)[0]!),
      });
    }
    // Another path on the same origin is the node's own choice.
    const moved = doc({ inbox: `${NODE}/partner-sync/inbox`, jwks: `${NODE}:443/keys.json` });
    expect(parseDiscoveryDocument(moved, NODE)).toMatchObject({ ok: true });
  });

  it('refuses an endpoint URL the schema lets through but no URL parser reads, without throwing', () => {
    for (const inbox of ['https://', 'http://', 'https://partners.acme.example:99999/inbox']) {
      expect(parseDiscoveryDocument(doc({ inbox }), NODE), inbox).toEqual({
        ok: false,
        code: 'bad_discovery',
        detail: 'discovery document /inbox: not an absolute URL',
      });
    }
  });

  it('says which node id check failed', () => {
    // Passes the schema's URL pattern, but is not the normal form (default port spelled out).
    expect(parseDiscoveryDocument(doc({ nodeId: `${NODE}:443` }))).toEqual({
      ok: false,
      code: 'bad_discovery',
      detail: 'discovery document nodeId is not a node id',
    });
    expect(parseDiscoveryDocument(doc(), 'https://impostor.example')).toEqual({
      ok: false,
      code: 'bad_discovery',
      detail: 'discovery document nodeId differs from the URL it came from',
    });
    expect(() =>
      buildDiscoveryDocument({ nodeId: 'x', name: 'x', kinds: [], maxBatch: 1, maxBodyBytes: 1 }),
    ).toThrow(new TypeError('buildDiscoveryDocument: invalid nodeId'));
  });
});
