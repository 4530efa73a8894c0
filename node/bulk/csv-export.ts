/**
 * CSV export of every list the admin API answers: a GET with `Accept: text/csv` gets the same
 * records as the JSON answer (same filters and paging), one row each, written by the one CSV
 * writer (node/records/csv-writer.ts, safe against formula injection). Nested objects become
 * dotted columns (`contact.email`), lists of plain values are joined with `;`, other lists are
 * written as JSON. JSON export is the JSON answer itself.
 */
import type { MiddlewareHandler } from 'hono';
import { csvChunks, type CsvRecord } from '../records/csv-writer.ts';

const MAX_DEPTH = 3;

function flatten(value: unknown, prefix: string, out: Record<string, string>, depth: number): void {
  if (value === null || value === undefined) {
    out[prefix] = '';
  } else if (Array.isArray(value)) {
    out[prefix] = value.every((v) => v === null || typeof v !== 'object')
      ? value.join(';')
      : JSON.stringify(value);
  } else if (typeof value === 'object' && depth < MAX_DEPTH) {
    for (const [key, v] of Object.entries(value)) {
      flatten(v, prefix ? `${prefix}.${key}` : key, out, depth + 1);
    }
  } else {
    out[prefix] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/**
 * The records of a list answer: the array itself, or its one array of objects beside at most a
 * few plain values (a cursor, a count). An answer with a summary list beside its records
 * (`/receivables`: `openTotals` and `receivables`) exports the list the path names. A single
 * record (with lists inside it) is not a list.
 */
export function listOf(body: unknown, pathName = ''): { name: string; items: unknown[] } | null {
  if (Array.isArray(body)) return { name: 'records', items: body };
  if (body === null || typeof body !== 'object') return null;
  let lists = Object.entries(body).filter(
    ([, v]) => Array.isArray(v) && v.every((i) => i !== null && typeof i === 'object'),
  );
  if (lists.length > 1) lists = lists.filter(([name]) => name === pathName);
  const others = Object.values(body).filter((v) => !Array.isArray(v));
  if (lists.length !== 1 || others.length > 3) return null;
  if (others.some((v) => v !== null && typeof v === 'object')) return null;
  return { name: lists[0]![0], items: lists[0]![1] as unknown[] };
}

export function toCsv(items: unknown[]): string {
  const records: Record<string, string>[] = items.map((item) => {
    const out: Record<string, string> = {};
    flatten(item, '', out, 0);
    return out;
  });
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return [...csvChunks(columns, records as CsvRecord[])].join('');
}

export function csvExport(): MiddlewareHandler {
  return async function csvExportMiddleware(c, next) {
    await next();
    if (c.req.method !== 'GET' || !(c.req.header('accept') ?? '').includes('text/csv')) return;
    if (c.res.status !== 200 || !c.res.headers.get('content-type')?.includes('application/json')) {
      return;
    }
    const list = listOf(await c.res.clone().json(), c.req.path.split('/').at(-1));
    if (!list) {
      c.res = c.json(
        { error: { code: 'not_a_list', message: 'this answer is not a list; ask for JSON' } },
        406,
      );
      return;
    }
    c.res = new Response(toCsv(list.items), {
      status: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${list.name}.csv"`,
      },
    });
  };
}
