/**
 * `npm run demo -- --lang zh-CN`: the story in Chinese, with Chinese companies, ending with a
 * portal link and a staff console link for a Chinese-speaking evaluator. While the demo keeps its
 * nodes running, the console link signs in to a console that speaks Chinese (the channel
 * manager's account language), without the browser asking for it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PortalClient } from '../portal/portal-fixture.ts';
import { ALLOWED } from './english-on-page.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const lang = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];

describe('i18n › the demo in Chinese', () => {
  let child: ChildProcess | undefined;
  let out = '';

  afterAll(async () => {
    if (!child || child.exitCode !== null) return;
    const closed = new Promise((resolve) => child!.once('close', resolve));
    child.kill('SIGINT');
    const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
    await closed;
    clearTimeout(timer);
  });

  it('tells the story in Chinese and its console link opens a Chinese console', async () => {
    const env: Record<string, string | undefined> = {};
    for (const [key, value] of Object.entries(process.env))
      if (!key.startsWith('PARTNER_SYNC_')) env[key] = value;
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'examples/three-companies/run.ts', '--lang', 'zh-CN'],
      { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const link = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no console link:\n${out}\n${err}`)), 80_000);
      const look = () => {
        const m = /控制台登录链接 +(http:\/\/127\.0\.0\.1:\d+\/console\/sign-in\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child!.stdout!.on('data', look);
      child!.once('close', () => reject(new Error(`the demo ended:\n${out}\n${err}`)));
    });
    expect(out).toContain('以晴顶安装工程的身份体验门户（中文界面）');
    // The story is told in Chinese: no English beyond codes, SKUs, ids, links and hashes.
    const english = out
      .replace(/哈希 sha-256=\S+/g, '')
      .split(/[\s,;()（），。：；、“”…=]+/)
      .filter((w) => /[A-Za-z]{2,}/.test(w))
      // API is a name; Ctrl-C names the key to press.
      .filter((w) => !ALLOWED.some((r) => r.test(w)) && w !== 'API' && w !== 'Ctrl-C');
    expect(english).toEqual([]);
    expect(out).toContain('14 天内日均销售 11（2 份报告）');
    expect(out).toContain('以曦阳光能渠道经理的身份体验员工控制台（中文界面）');

    const browser = new PortalClient(new URL(link).origin);
    const page = await browser.get(link);
    expect(page.status).toBe(200);
    const signedIn = await browser.post(link);
    expect(signedIn.status).toBe(303);
    const home = await browser.get('/console');
    expect(lang(home.text)).toBe('zh-CN');
    expect(home.text).toContain('当前登录：陈立');
  }, 100_000);
});
