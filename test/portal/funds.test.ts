/**
 * The marketing funds pages of the portal over HTTP: a portal partner sees its allocation and
 * balance, files an expense claim with an uploaded proof file (stored on the vendor node by its
 * SHA-256, only the digest in the claim), sees the vendor's decision; bad files and rule
 * breaches come back next to their fields with nothing sent; another partner gets 404s.
 */
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { expectApi, type Invited, PortalClient, startTwoPartnerPortal } from './portal-fixture.ts';

const PDF = Buffer.from('%PDF-1.4\n% expense invoice INV-77\n%%EOF\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Posts the claim form as multipart, as a browser does, with the client's cookies and token. */
async function postClaim(
  client: PortalClient,
  path: string,
  fields: Record<string, string>,
  files: Array<{ name: string; type: string; bytes: Buffer }> = [],
) {
  const form = new FormData();
  form.set('_csrf', client.csrf ?? '');
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const f of files) form.append('proof', new Blob([f.bytes], { type: f.type }), f.name);
  const res = await fetch(`${client.base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    body: form,
  });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

describe('portal › marketing funds', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let a: Invited;
  let b: Invited;
  let asA: PortalClient;
  let asB: PortalClient;
  let allocationId: string;
  let claimPath: string;

  beforeAll(async () => {
    ({ vendor, a, b, asA, asB } = await startTwoPartnerPortal({ clock }));
    const made = await expectApi(vendor, 201, 'POST', '/funds/allocations', {
      partner: a.partnerId,
      amount: '2000.00',
      currency: 'EUR',
      validFrom: '2027-01-01',
      validTo: '2027-06-30',
      claimDeadline: '2027-07-31',
      activities: ['trade_show', 'online_ads'],
      note: 'Spring campaign',
    });
    allocationId = made.allocationId;
  });
  afterAll(async () => {
    await vendor.stop();
    await removeTestDirs();
  });

  const GOOD = {
    invoiceNumber: 'INV-77',
    invoiceDate: '2027-03-10',
    activity: 'trade_show',
    line1Description: 'Booth rental',
    line1Amount: '800.00',
    line2Description: 'Brochures',
    line2Amount: '150.50',
    total: '950.50',
  };

  /** Posts a raw multipart body to the claim form, timing the node's event loop meanwhile. */
  async function postRawMultipart(body: Buffer, boundary: string) {
    await asA.get(`/portal/funds/${allocationId}/claims/new`);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    try {
      const res = await fetch(`${asA.base}/portal/funds/${allocationId}/claims`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: [...asA.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        body,
      });
      return { status: res.status, text: await res.text(), maxDelayMs: delay.max / 1e6 };
    } finally {
      delay.disable();
    }
  }

  it('stops reading a form at its part limit: 200,000 tiny parts are refused at once', async () => {
    const part = '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n';
    const body = Buffer.from(`${part.repeat(200_000)}--b--\r\n`);
    const answer = await postRawMultipart(body, 'b');
    expect(answer.status).toBe(413);
    expect(answer.text).toContain('form_too_many_parts');
    // Parsed as it streams and dropped at part 106: the loop never waits on the whole body.
    expect(answer.maxDelayMs).toBeLessThan(150);
    const claims = await expectApi(vendor, 200, 'GET', '/funds/claims');
    expect(claims.claims).toEqual([]);
  });

  it('refuses a form with too many files, and an unreadable one, with stable codes', async () => {
    const file = (i: number) =>
      `--b\r\nContent-Disposition: form-data; name="proof"; filename="f${i}.pdf"\r\n` +
      `Content-Type: application/pdf\r\n\r\n%PDF-1\r\n`;
    const files = Array.from({ length: 40 }, (_, i) => file(i)).join('');
    const many = await postRawMultipart(Buffer.from(`${files}--b--\r\n`), 'b');
    expect(many.status).toBe(413);
    expect(many.text).toContain('form_too_many_parts');
    const broken = await postRawMultipart(Buffer.from('--b\r\nno headers end'), 'b');
    expect(broken.status).toBe(400);
    expect(broken.text).toContain('form_unreadable');
  });

  it('shows the allocation and its balance to its partner', async () => {
    const list = await asA.get('/portal/funds');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Marketing funds');
    expect(list.text).toContain('€2,000.00');
    const page = await asA.get(`/portal/funds/${allocationId}`);
    expect(page.text).toContain('Spring campaign');
    expect(page.text).toContain('trade show, online ads');
    expect(page.text).toContain('File an expense claim');
  });

  it('sends the form back with every problem and sends nothing', async () => {
    const path = `/portal/funds/${allocationId}/claims`;
    await asA.get(`${path}/new`);
    const bad = await postClaim(
      asA,
      path,
      { ...GOOD, invoiceDate: 'soon', line2Amount: '1,5', activity: 'tv' },
      [{ name: 'evil.pdf', type: 'application/pdf', bytes: Buffer.from('MZ not a pdf') }],
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('There are 4 problems');
    expect(bad.text).toContain('evil.pdf is not a PDF, PNG or JPEG file.');
    expect(bad.text).toContain('id="f-line2Amount-error"');
    const files = [{ name: 'i.pdf', type: 'application/pdf', bytes: PDF }];
    const over = await postClaim(
      asA,
      path,
      { ...GOOD, line1Amount: '1850.00', total: '2000.50' },
      files,
    );
    expect(over.status).toBe(400);
    expect(over.text).toContain('more than the allocation has available');
    expect(over.text).toContain('id="f-total-error"');
    const sum = await postClaim(asA, path, { ...GOOD, total: '950.00' }, files);
    expect(sum.text).toContain('The total must be the sum of the lines, 950.50.');
    const none = await postClaim(asA, path, GOOD, []);
    expect(none.text).toContain('Attach the invoice');
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(big);
    const tooBig = await postClaim(asA, path, GOOD, [
      { name: 'scan.png', type: 'image/png', bytes: big },
    ]);
    expect(tooBig.text).toContain('scan.png is over 5 MB.');
    const noToken = await postClaim({ ...asA, csrf: 'x' } as PortalClient, path, GOOD, files);
    expect(noToken.status).toBe(403);
    const claims = await expectApi(vendor, 200, 'GET', '/funds/claims');
    expect(claims.claims).toEqual([]);
  });

  it('refuses 25 MB of proof for a claim of 0.01, over maxProofBytesPerClaim (issue #14, 8)', async () => {
    const path = `/portal/funds/${allocationId}/claims`;
    await asA.get(`${path}/new`);
    const pdf = (n: number) => {
      const bytes = Buffer.alloc(5 * 1024 * 1024);
      PDF.copy(bytes);
      return { name: `scan-${n}.pdf`, type: 'application/pdf', bytes };
    };
    const cheap = {
      ...GOOD,
      line1Amount: '0.01',
      line2Description: '',
      line2Amount: '',
      total: '0.01',
    };
    const huge = await postClaim(asA, path, cheap, [1, 2, 3, 4, 5].map(pdf));
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('10 MB in all');
    const claims = await expectApi(vendor, 200, 'GET', '/funds/claims');
    expect(claims.claims).toEqual([]);
  });

  it('files a claim with a proof file; the vendor sees the digest and decides', async () => {
    const path = `/portal/funds/${allocationId}/claims`;
    await asA.get(`${path}/new`);
    const filed = await postClaim(asA, path, GOOD, [
      { name: 'invoice-77.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    expect(filed.status).toBe(303);
    expect(filed.location).toMatch(/\/portal\/expenses\/[^?]+\?done=claim_filed$/);
    claimPath = filed.location!.replace(vendor.url, '').split('?')[0]!;
    const page = await asA.get(filed.location!);
    expect(page.text).toContain('Your expense claim was sent to the vendor.');
    expect(page.text).toContain(sha(PDF));
    expect(page.text).toContain('<dt>Total</dt><dd>€950.50</dd>');

    const claimId = decodeURIComponent(claimPath.split('/').at(-1)!);
    const onVendor = await expectApi(vendor, 200, 'GET', `/funds/claims/${claimId}`);
    expect(onVendor).toMatchObject({
      owner: 'partner',
      status: 'submitted',
      total: '950.50',
      proof: [{ sha256: sha(PDF), name: 'invoice-77.pdf', size: PDF.length }],
    });
    const file = await fetch(`${vendor.url}/api/funds/claims/${claimId}/proof/${sha(PDF)}`, {
      headers: { authorization: `Bearer ${vendor.adminToken}` },
    });
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    const own = await asA.get(`${claimPath}/proof/${sha(PDF)}`);
    expect(own.status).toBe(200);
    expect(own.text).toBe(PDF.toString());

    await expectApi(vendor, 200, 'POST', `/funds/claims/${claimId}/decision`, {
      status: 'partial',
      approvedAmount: '800.00',
      reason: 'Brochures are not a trade show cost.',
    });
    const decided = await asA.get(claimPath);
    expect(decided.text).toContain('status-partial');
    expect(decided.text).toContain('Brochures are not a trade show cost.');
    const list = await asA.get('/portal/funds');
    expect(list.text).toContain('<dt>Available</dt><dd>€1,200.00</dd>'); // 2000.00 − 800.00
    // The decision's e-mail shows the approved amount in the claim's currency.
    const mails = (await expectApi(
      vendor,
      200,
      'GET',
      `/portal/notifications?partner=${a.partnerId}`,
    )) as { notifications: Array<{ type: string; body: string }> };
    const decision = mails.notifications.find((n) => n.type === 'claim_decided');
    expect(decision?.body).toContain('Amount: €800.00.');
  });

  it('keeps one partner out of another partner’s funds', async () => {
    const list = await asB.get('/portal/funds');
    expect(list.text).not.toContain(allocationId);
    expect(list.text).toContain('has not allocated funds to you yet');
    for (const path of [
      `/portal/funds/${allocationId}`,
      `/portal/funds/${allocationId}/claims/new`,
      claimPath,
      `${claimPath}/proof/${sha(PDF)}`,
    ]) {
      expect((await asB.get(path)).status, path).toBe(404);
    }
    await asB.get('/portal/funds');
    const post = await postClaim(asB, `/portal/funds/${allocationId}/claims`, GOOD, [
      { name: 'i.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    expect(post.status).toBe(404);
    expect((await expectApi(vendor, 200, 'GET', '/funds/claims')).claims).toHaveLength(1);
  });
});
