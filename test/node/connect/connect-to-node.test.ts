/**
 * Joining a node that answers the connect request wrongly: each way is refused with its own code,
 * and nothing is pinned. Against a scripted node over real HTTP (a correct node never answers so).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectToNode } from '../../../node/connect/connect-to-node.ts';
import { AppError } from '../../../node/errors.ts';
import {
  createTestNode,
  freePort,
  removeTestDirs,
  type TestNode,
} from '../../support/test-node.ts';
import { startScriptedPartner, type ScriptedPartner } from '../../support/scripted-partner.ts';

let joiner: TestNode;
let host: ScriptedPartner;

beforeAll(async () => {
  joiner = await createTestNode({ name: 'joiner' });
});

afterAll(async () => {
  await joiner.stop();
  await removeTestDirs();
});

beforeEach(async () => {
  host = await startScriptedPartner();
});

afterEach(async () => {
  await host.close();
});

const TOKEN = 'tok_0123456789abcdef';

/** Connects to the scripted host; the AppError it is refused with. */
async function refusal(): Promise<AppError> {
  const error = await connectToNode(joiner.deps, { url: host.url, token: TOKEN }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const pinned = await joiner.deps.store.read((tx) => tx.partners.getByNodeId(host.url));
  expect(pinned).toBeNull();
  return error as AppError;
}

describe('connect › connect-to-node', () => {
  it('pins a host that answers with a valid receipt, keeping the connect message as delivered', async () => {
    // As pasted: blanks around it and trailing slashes are not part of the node id.
    const partner = await connectToNode(joiner.deps, { url: ` ${host.url}//\n`, token: TOKEN });
    expect(partner).toMatchObject({
      nodeId: host.url,
      name: 'Scripted Co',
      partnerType: 'value_added_supplier',
      relationship: 'strategic',
    });
    expect(host.requests).toHaveLength(1);
    const rows = await joiner.deps.store.read((tx) => tx.outbox.listStored({}, { limit: 100 }));
    const connect = rows.find((r) => r.toNodeId === host.url);
    expect(connect).toMatchObject({ kind: 'partner.connect', status: 'delivered' });
    expect(connect?.body).toEqual({ token: TOKEN, name: 'joiner' });
  });

  it('is connect_refused (502) naming the code when the host answers an HTTP error', async () => {
    host.answer = () => ({
      status: 429,
      body: { error: { code: 'rate_limited', message: 'slow' } },
    });
    const e = await refusal();
    expect([e.status, e.code]).toEqual([502, 'connect_refused']);
    expect(e.message).toContain('answered HTTP 429: rate_limited: slow');
  });

  it('is the rejection code (403) when the host rejects the connect message', async () => {
    host.answer = (received) => ({
      status: 200,
      body: {
        results: [
          { id: received[0]!.message.id, status: 'rejected', code: 'forbidden', message: 'closed' },
        ],
      },
    });
    const e = await refusal();
    expect([e.status, e.code]).toEqual([403, 'forbidden']);
    expect(e.message).toContain('refused to connect: forbidden: closed');
  });

  it('is bad_answer (502) when the answer has no result for the message', async () => {
    host.answer = () => ({ status: 200, body: { results: [] } });
    const e = await refusal();
    expect([e.status, e.code]).toEqual([502, 'bad_answer']);
  });

  it('is bad_receipt (502) for a receipt whose digest differs by one character', async () => {
    host.answer = async (received) => {
      const r = received[0]!;
      const jws = `${r.jws.slice(0, -1)}${r.jws.at(-1) === 'A' ? 'B' : 'A'}`;
      return {
        status: 200,
        body: {
          results: [
            { id: r.message.id, status: 'accepted', receipt: await host.receiptFor({ ...r, jws }) },
          ],
        },
      };
    };
    const e = await refusal();
    expect([e.status, e.code]).toEqual([502, 'bad_receipt']);
    expect(e.message).toContain('digest differs from what was sent');
  });

  it('is bad_receipt (502) for a receipt signed with a key the host does not publish', async () => {
    const published = host.key;
    await host.rotate();
    host.jwks = [published];
    const e = await refusal();
    expect([e.status, e.code]).toEqual([502, 'bad_receipt']);
  });

  it('is the HTTP client’s code (502) when the answer is larger than the response cap', async () => {
    host.answer = () => ({ status: 200, body: 'x'.repeat(joiner.deps.config.maxResponseBytes) });
    const e = await refusal();
    expect([e.status, e.code]).toEqual([502, 'too_large']);
    expect(e.message).toContain('did not answer');
  });

  it('quotes at most 200 characters of an error page that is not an error object', async () => {
    host.answer = () => ({ status: 500, body: `<html>${'y'.repeat(400)}</html>` });
    const e = await refusal();
    expect([e.status, e.code]).toEqual([502, 'connect_refused']);
    const quoted = e.message.slice(e.message.indexOf('answered HTTP 500: ') + 19);
    expect(quoted).toBe(JSON.stringify(`<html>${'y'.repeat(400)}</html>`).slice(0, 200));
  });

  it('refuses a URL that is not http(s) as bad_url (400) on the url field, sending nothing', async () => {
    const e = await connectToNode(joiner.deps, {
      url: host.url.replace('http:', 'ftp:'),
      token: TOKEN,
    }).catch((x) => x);
    expect([e.status, e.code, e.field]).toEqual([400, 'bad_url', 'url']);
    expect(e.message).toContain(host.url.replace('http:', 'ftp:'));
    expect(host.requests).toHaveLength(0);
  });

  it('is 502 with the fetch’s code when the node’s keys cannot be fetched, naming the node', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const e = await connectToNode(joiner.deps, { url: nowhere, token: TOKEN }).catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect([e.status, e.code]).toEqual([502, 'unreachable']);
    expect(e.message).toContain(nowhere);
    const pinned = await joiner.deps.store.read((tx) => tx.partners.getByNodeId(nowhere));
    expect(pinned).toBeNull();
  });

  it('refuses to connect to itself', async () => {
    const e = await connectToNode(joiner.deps, { url: joiner.url, token: TOKEN }).catch((x) => x);
    expect([e.status, e.code]).toEqual([400, 'self_connect']);
  });
});
