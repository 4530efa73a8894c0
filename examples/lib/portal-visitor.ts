/**
 * A person using the portal, without a browser: follows a sign-in link, keeps the session cookie,
 * reads pages and posts their forms with the page's CSRF token, as the HTML forms do.
 */
export class PortalVisitor {
  private readonly cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(private readonly base: string) {}

  /** Opens a sign-in link and presses its button. */
  async signIn(link: string): Promise<void> {
    await this.get(link);
    const res = await this.post(link, {});
    if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  }

  async get(path: string): Promise<string> {
    const res = await this.send(path, { method: 'GET' });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    return res.text;
  }

  /** Posts a form as the page last read would, with its CSRF token. */
  async post(path: string, fields: Record<string, string>): Promise<{ status: number }> {
    const form = new URLSearchParams({ ...(this.csrf ? { _csrf: this.csrf } : {}), ...fields });
    return this.send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
  }

  private async send(path: string, init: RequestInit): Promise<{ status: number; text: string }> {
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const text = await res.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? this.csrf;
    return { status: res.status, text };
  }
}
