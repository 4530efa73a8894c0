/**
 * What the portal tests share: a vendor node with portal partners invited through its admin API,
 * and a small cookie-keeping HTTP client that signs in with a link and sends forms with their
 * CSRF token, as a browser without JavaScript would.
 */
import {
  createTestNode,
  eventually,
  type TestNode,
  type TestNodeOptions,
} from '../support/test-node.ts';

export interface Invited {
  partnerId: number;
  nodeId: string;
  userId: number;
  signInUrl: string;
}

/** Invites a portal partner (a reseller) with one user, through the admin API. */
export async function invitePortal(
  vendor: TestNode,
  name: string,
  email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
): Promise<Invited> {
  const res = await vendor.api('POST', '/portal/partners', {
    name,
    user: { email, name: `${name} user` },
  });
  if (res.status !== 201)
    throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    partnerId: res.body.partner.id,
    nodeId: res.body.partner.nodeId,
    userId: res.body.partner.users[0].id,
    signInUrl: res.body.signInUrl,
  };
}

export async function startVendor(options: Partial<TestNodeOptions> = {}): Promise<TestNode> {
  return createTestNode({ name: 'Vendor', ...options });
}

export interface PageAnswer {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

/** A browser without JavaScript: keeps cookies, follows nothing by itself. */
export class PortalClient {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page that had a form. */
  csrf: string | null = null;

  constructor(readonly base: string) {}

  private absolute(path: string): string {
    return path.startsWith('http') ? path : `${this.base}${path}`;
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private async answer(res: Response): Promise<PageAnswer> {
    this.remember(res);
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrf = token;
    return {
      status: res.status,
      headers: res.headers,
      text,
      location: res.headers.get('location'),
    };
  }

  async get(path: string): Promise<PageAnswer> {
    const res = await fetch(this.absolute(path), {
      redirect: 'manual',
      headers: { cookie: this.cookieHeader() },
    });
    return this.answer(res);
  }

  /** Posts a form; the last page's CSRF token is added unless `_csrf` is given (or null). */
  async post(path: string, fields: Record<string, string | null> = {}): Promise<PageAnswer> {
    const form = new URLSearchParams();
    const withToken = '_csrf' in fields ? fields : { _csrf: this.csrf, ...fields };
    for (const [k, v] of Object.entries(withToken))
      if (v !== null && v !== undefined) form.set(k, v);
    const res = await fetch(this.absolute(path), {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form.toString(),
    });
    return this.answer(res);
  }

  /** Opens a sign-in link and presses its button; the answer of the POST. */
  async signIn(signInUrl: string): Promise<PageAnswer> {
    const page = await this.get(signInUrl);
    if (page.status !== 200) return page;
    return this.post(signInUrl);
  }
}

/** A lead as the vendor's admin API takes it. */
export function portalLead(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    company: 'Globex Logistics GmbH',
    contact: { name: 'Dana Weber', email: 'dana@globex.example' },
    region: 'EMEA',
    interest: ['router'],
    estimatedValue: '48000.00',
    currency: 'EUR',
    source: 'web form',
    ...overrides,
  };
}

/** Calls the admin API and expects `status`; returns the body. */
export async function expectApi(
  node: TestNode,
  status: number,
  method: string,
  path: string,
  body?: unknown,
): Promise<any> {
  const res = await node.api(method, path, body);
  if (res.status !== status) {
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/** Creates a lead and offers it to one partner; waits until the offer is settled locally. */
export async function offerLead(
  vendor: TestNode,
  partnerId: number,
  lead: Record<string, unknown>,
  offerHours = 48,
): Promise<void> {
  await expectApi(vendor, 201, 'POST', '/leads', lead);
  await expectApi(vendor, 200, 'POST', `/leads/${lead.id}/offers`, {
    partners: [partnerId],
    offerHours,
  });
  await deliveredTo(vendor, partnerId, 'lead.offer');
}

/** Waits until every message of `kind` queued to the partner was delivered. */
export async function deliveredTo(vendor: TestNode, partnerId: number, kind: string) {
  return eventually(async () => {
    const out = await vendor.api('GET', `/messages/out?partner=${partnerId}`);
    const rows = (out.body.messages as any[]).filter((m) => m.kind === kind);
    return rows.length > 0 && rows.every((m) => m.status === 'delivered') ? rows : null;
  });
}

/** A vendor with two portal partners, Alpha and Bravo, each signed in with its own client. */
export interface TwoPartnerPortal {
  vendor: TestNode;
  a: Invited;
  b: Invited;
  asA: PortalClient;
  asB: PortalClient;
}

/** `sessionHours`, when given, is set before anyone signs in, so that the sessions get it. */
export async function startTwoPartnerPortal(
  options: Partial<TestNodeOptions>,
  settings: { sessionHours?: number } = {},
): Promise<TwoPartnerPortal> {
  const vendor = await startVendor(options);
  if (settings.sessionHours !== undefined) {
    await expectApi(vendor, 200, 'PATCH', '/portal/settings', {
      sessionHours: settings.sessionHours,
    });
  }
  const a = await invitePortal(vendor, 'Alpha Partner');
  const b = await invitePortal(vendor, 'Bravo Partner');
  const asA = new PortalClient(vendor.url);
  const asB = new PortalClient(vendor.url);
  await asA.signIn(a.signInUrl);
  await asB.signIn(b.signInUrl);
  return { vendor, a, b, asA, asB };
}

/** Creates the EUR price list `eu-partners` valid from 2027-01-01 and pushes it to one partner. */
export async function pushEuPriceList(
  vendor: TestNode,
  partnerId: number,
  lines: Array<Record<string, string>>,
): Promise<void> {
  await expectApi(vendor, 201, 'POST', '/price-lists', {
    id: 'eu-partners',
    name: 'EU partners',
    currency: 'EUR',
  });
  await expectApi(vendor, 201, 'POST', '/price-lists/eu-partners/versions', {
    validFrom: '2027-01-01',
    lines,
  });
  await expectApi(vendor, 202, 'POST', '/price-lists/eu-partners/push', {
    partners: [partnerId],
  });
}
