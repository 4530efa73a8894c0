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
