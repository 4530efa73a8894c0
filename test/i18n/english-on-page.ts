/**
 * The words a page in Chinese still shows in Latin letters, beyond an allow-list of proper names,
 * codes, units and ids that the records and the node hold: visible text, the document title,
 * text read out by screen readers, labels, placeholders, buttons and options.
 */
import type { Page } from 'playwright-core';

/** Words a Chinese page may show in Latin letters: names the records hold, codes, units. */
export const ALLOWED = [
  /^[A-Z0-9][A-Z0-9_./-]*$/, // codes, SKUs, currencies, UTC, ids (L-ZH, KB-100, EUR)
  /@/, // e-mail addresses
  /^[a-z0-9-]+(\.[a-z0-9-]+)+$/, // domain names (example.com)
  /^https?:/,
  /^(sku|onHand|sold|onOrder|returned)$/, // the stock CSV's column names, typed as they are
  /^listPrice$/, // the price list CSV's column name, typed as it is
  /^staff$/, // the CLI command the staff page names (partner-sync staff), typed as it is
  /^[a-z]+(_[a-z]+)*(\.[a-z]+(_[a-z]+)*)+$/, // operations outside the API, as the audit trail names them (sign_in.link)
  /^(KiB|MiB)$/, // units
  /^English$/, // the language switch names each language in itself
  /^Vendor$/, // the vendor's name (its node's name setting)
  /^EU$/,
  /^partners$/, // the price list's name, "EU partners", as the vendor named it
  /^eu-partners$/, // the price list's id, shown beside an order
  /^SHA-256$/, // the proof file's digest names its algorithm
  /\.(pdf|png|jpe?g)$/, // proof file names as the partner gave them
  /^[a-f0-9-]{8,}$/, // record ids
  /^[a-z]+(_[a-z]+)+$/, // stable refusal codes, shown beside their words for support
  /^[A-Za-z0-9_-]{32,}$/, // keys and key ids (base64url), shown to be compared or copied
  /^\/api\//, // admin API operations, as the audit trail names them
  /^[a-z]+(-[a-z]+)*\/[\w:-]+$/, // records as the audit trail names them (deals/3)
  /^partner-sync$/, // the software's name
];

/** The page's visible words in Latin letters that are not allowed. */
export function englishOn(page: Page): Promise<string[]> {
  return page.evaluate(
    (allowed) => {
      const d = (globalThis as any).document;
      const res = allowed.map((s: string) => new RegExp(s));
      const texts: string[] = [d.title];
      const walker = d.createTreeWalker(d.body, 4 /* NodeFilter.SHOW_TEXT */);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest('script,style,textarea') || el.offsetParent === null) {
          // visually-hidden text is read out by screen readers: it counts too
          if (!el?.closest('.visually-hidden')) continue;
        }
        texts.push(n.textContent);
      }
      for (const el of d.querySelectorAll('[aria-label],[placeholder],[title],input[type=submit]'))
        texts.push(
          el.getAttribute('aria-label') ?? el.getAttribute('placeholder') ?? el.title ?? el.value,
        );
      for (const el of d.querySelectorAll('option')) texts.push(el.textContent);
      return texts
        .flatMap((t: string) => (t ?? '').split(/[\s,;()（），。：；、·!?"“”‘’'\[\]{}<>]+/))
        .map((w: string) => w.replace(/^[.:]+|[.:]+$/g, ''))
        .filter((w: string) => /[A-Za-z]{2,}/.test(w))
        .filter((w: string) => !res.some((r: RegExp) => r.test(w)));
    },
    ALLOWED.map((r) => r.source),
  );
}

/**
 * What is wrong with a page meant to be in Chinese on a phone: `<html lang>` other than zh-CN,
 * no language switch, content wider than the viewport, English words. Empty when all is well;
 * collected rather than thrown, so that one crawl reports every page's problems at once.
 */
export async function problemsOn(page: Page): Promise<string[]> {
  const facts = await page.evaluate(() => {
    const d = (globalThis as any).document;
    return {
      lang: d.documentElement.getAttribute('lang'),
      overflow: d.documentElement.scrollWidth - d.documentElement.clientWidth,
      switch: d.querySelector('button[name=lang][value=en]') !== null,
    };
  });
  return [
    ...(facts.lang === 'zh-CN' ? [] : [`<html lang="${facts.lang}">`]),
    ...(facts.switch ? [] : ['no switch to English']),
    ...(facts.overflow === 0 ? [] : [`${facts.overflow} px wider than the phone`]),
    ...(await englishOn(page)),
  ];
}
