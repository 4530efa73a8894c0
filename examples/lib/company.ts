/**
 * What the examples share: a company's node started in a data directory through the node's
 * public pieces (`initNode`, `startNode`), its admin API over HTTP, waiting for asynchronous
 * delivery, and printing. Nothing here reaches into the node's internals.
 */
import { initNode } from '../../node/init-node.ts';
import { startNode, type RunningNode } from '../../node/main.ts';

export interface Company {
  name: string;
  node: RunningNode;
  url: string;
  /** Calls the company's admin API with its bearer token; throws on an error status. */
  api(method: string, path: string, body?: unknown): Promise<any>;
}

export async function startCompany(
  name: string,
  dataDir: string,
  logLevel: 'warn' | 'error' = 'warn',
): Promise<Company> {
  // Port 0: the system picks a free port, and the node's URL follows it.
  const { adminToken } = await initNode(dataDir, { name, port: 0, logLevel }, new Date());
  // `env: {}` so that PARTNER_SYNC_* variables of your shell do not change the example.
  const node = await startNode({ dataDir, env: {} });
  const url = node.nodeId;
  return {
    name,
    node,
    url,
    async api(method, path, body) {
      const res = await fetch(`${url}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${adminToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok)
        throw new Error(`${name}: ${method} /api${path} answered ${res.status}: ${text}`);
      return text === '' ? null : JSON.parse(text);
    },
  };
}

/** Invites `joiner` to `host` and connects it; returns the partner id each gives the other. */
export async function connect(
  host: Company,
  joiner: Company,
  profile: { name: string; partnerType: string; relationship: string },
): Promise<{ onHost: number; onJoiner: number }> {
  const invitation = await host.api('POST', '/invitations', profile);
  await joiner.api('POST', '/connect', { url: host.url, token: invitation.token });
  return {
    onHost: await partnerIdOf(host, joiner.url),
    onJoiner: await partnerIdOf(joiner, host.url),
  };
}

async function partnerIdOf(company: Company, nodeId: string): Promise<number> {
  const { partners } = await company.api('GET', '/partners');
  const partner = partners.find((p: { nodeId: string }) => p.nodeId === nodeId);
  if (!partner) throw new Error(`${company.name} does not know ${nodeId}`);
  return partner.id;
}

/** Polls until `probe` returns something: delivery between the nodes is asynchronous. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Columns a string takes in a terminal: CJK characters and full-width forms take two, so that
 * a table of Chinese names lines up.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}
const WIDE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uff60\uffe0-\uffe6]/u;

/** `text` padded with spaces to `width` terminal columns. */
export const pad = (text: string, width: number): string =>
  text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** A titled block of aligned `key  value` lines. */
export function show(title: string, fields: Record<string, unknown>): void {
  console.log(`\n${title}`);
  const width = Math.max(...Object.keys(fields).map(displayWidth));
  for (const [key, value] of Object.entries(fields)) {
    console.log(
      `  ${pad(key, width)}  ${typeof value === 'string' ? value : JSON.stringify(value)}`,
    );
  }
}

/** A plain text table: a header row, a rule, then the rows, columns padded to fit. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
