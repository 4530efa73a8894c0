/**
 * Every event type the node emits has a schema with an example under schemas/events/, the
 * examples and real emitted events validate, the generated files are current, and every write
 * method of the store is either an event or listed as bookkeeping.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEventTypes, EVENT_CATALOGUE, NOT_EVENTS } from '../../node/events/event-catalogue.ts';
import { createTestNode, type TestNode } from '../support/test-node.ts';
import { expectApi, newLead } from '../leads/lead-nodes.ts';

const DIR = join(import.meta.dirname, '../../schemas/events');
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

function validator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of readdirSync(DIR))
    ajv.addSchema(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
  return (type: string, event: unknown) => {
    const validate = ajv.getSchema(`https://partner-sync.dev/schemas/events/${type}.schema.json`);
    if (!validate) return [`no schema for ${type}`];
    return validate(event)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

/** Methods that only read, by the store's naming. */
const READ =
  /^(get|find|list|count|read|page|latest|lines|events|messages|payments|settings|claimEvents|claimsBy|claimsOf|requestsBy|ordersBy|allocationsBy|listsBy|due|next|version|privateKey|receivableOf|open|reportsTo|proofFile|isValid|partnerByNodeId|storedBytes|attachments|agreementOf|chargeOfRequest|hasQueuedResync|last|scan|forRecord|secrets|senderOf|figures|timeline)/;

describe('event schemas', () => {
  it('has a schema for every emitted type, and each example validates', () => {
    const files = readdirSync(DIR).sort();
    const types = allEventTypes();
    expect(files).toEqual(['event.schema.json', ...types.map((t) => `${t}.schema.json`)].sort());
    const check = validator();
    for (const type of types) {
      const schema = JSON.parse(readFileSync(join(DIR, `${type}.schema.json`), 'utf8'));
      expect(schema.examples.length, type).toBeGreaterThan(0);
      for (const example of schema.examples) expect(check(type, example), type).toEqual([]);
      // An example of another type does not pass: the schemas are specific.
      expect(check(type, { ...schema.examples[0], type: 'lead.nope' }), type).not.toEqual([]);
    }
  });

  it('documents every type in docs/integrations.md and keeps the generated files current', async () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/integrations.md'), 'utf8');
    for (const type of allEventTypes()) expect(doc, type).toContain(`\`${type}\``);
    await promisify(execFile)('npx', ['tsx', 'scripts/event-schemas.ts', '--check'], {
      cwd: join(import.meta.dirname, '../..'),
    });
  });

  it('lists every write method of the store as an event or as bookkeeping', async () => {
    const node = await createTestNode({ name: 'catalogue' });
    try {
      const unlisted: string[] = [];
      await node.deps.store.read(async (tx) => {
        for (const [repo, methods] of Object.entries(tx)) {
          if (typeof methods !== 'object' || repo === 'events') continue;
          for (const method of Object.keys(methods)) {
            const listed =
              (EVENT_CATALOGUE as any)[repo]?.[method] ?? (NOT_EVENTS as any)[repo]?.[method];
            if (!listed && !READ.test(method)) unlisted.push(`${repo}.${method}`);
          }
        }
      });
      expect(unlisted).toEqual([]);
    } finally {
      await node.stop();
    }
  });
});

describe('emitted events', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await createTestNode({ name: 'emitted' });
  });
  afterAll(() => node?.stop());

  it('validate against their schemas', async () => {
    await expectApi(node, 201, 'POST', '/leads', newLead('SC1'));
    await expectApi(node, 200, 'POST', '/leads/SC1/withdraw', { reason: 'duplicate' });
    await expectApi(node, 201, 'POST', '/invitations', {
      name: 'Reseller',
      partnerType: 'reseller',
      relationship: 'strategic',
    });
    const { events } = await expectApi(node, 200, 'GET', '/events');
    expect(events.map((e: any) => e.type)).toEqual(
      expect.arrayContaining(['lead.created', 'lead.withdrawn', 'invitation.created']),
    );
    const check = validator();
    for (const event of events) expect(check(event.type, event), event.type).toEqual([]);
    // No secret leaves in an event.
    expect(JSON.stringify(events)).not.toMatch(/tokenHash|privateJwk/);
  });
});
