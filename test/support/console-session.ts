/**
 * A staff console session over plain HTTP, as a browser gets one: a one-time link from
 * `staff link`, its page, and the button's form post with the page's CSRF token.
 */
import { expect } from 'vitest';
import { runCliOn } from './run-cli.ts';
import type { TestNode } from './test-node.ts';

/** A form post as a browser sends it, redirects left to the caller. */
export const consoleForm = (fields: Record<string, string>, cookie: string) => ({
  method: 'POST',
  redirect: 'manual' as const,
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  body: new URLSearchParams(fields).toString(),
});

export async function consoleLinkFor(node: TestNode, email: string): Promise<string> {
  const r = await runCliOn(node, ['staff', 'link', '--email', email, '--json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out).url;
}

/** Presses the link's button; the response. */
export async function pressConsoleLink(link: string): Promise<Response> {
  const page = await fetch(link);
  const pre = page.headers.getSetCookie()[0]?.split(';')[0] ?? 'pss_pre=x';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? pre.split('=')[1]!;
  return fetch(link, consoleForm({ _csrf: csrf }, pre));
}

/** Signs in with a fresh link: the session cookie and the CSRF token its forms carry. */
export async function consoleSession(node: TestNode, email: string) {
  const res = await pressConsoleLink(await consoleLinkFor(node, email));
  expect(res.status).toBe(303);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('pss_session='))!
    .split(';')[0]!;
  const home = await (await fetch(`${node.url}/console`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(home)![1]! };
}
