/**
 * A CRM's side of partner-sync webhooks: verifies each request with the `standardwebhooks`
 * library and mirrors leads and their offer status into a JSON file, keyed by lead id.
 * Duplicates (the same webhook-id, e.g. after a retry) are dropped.
 *
 *   WEBHOOK_SECRET=whsec_... PORT=4000 MIRROR=leads.json npx tsx examples/crm-sync/receiver.ts
 *   partner-sync webhooks add http://127.0.0.1:4000/ --events lead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

type Mirror = { seen: string[]; leads: Record<string, { company?: string; status: string }> };

export function startCrmSync(opts: { port: number; secret: string; file: string }): Server {
  const hook = new Webhook(opts.secret);
  const load = (): Mirror => {
    try {
      return JSON.parse(readFileSync(opts.file, 'utf8')) as Mirror;
    } catch {
      return { seen: [], leads: {} };
    }
  };
  return createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      let event: { type: string; data: Record<string, any> };
      try {
        event = hook.verify(body, req.headers as Record<string, string>) as typeof event;
      } catch {
        return res.writeHead(401).end(); // not signed with our secret: ignore it
      }
      const mirror = load();
      const id = req.headers['webhook-id'] as string;
      if (!mirror.seen.includes(id)) {
        mirror.seen.push(id);
        const { type, data } = event;
        if (type === 'lead.created' || type === 'lead.updated') {
          mirror.leads[data.id] = { company: data.company, status: 'new' };
        } else if (type === 'lead.withdrawn') {
          mirror.leads[data.id] = { ...mirror.leads[data.id], status: 'withdrawn' };
        } else if (type.startsWith('lead.offer') || type === 'lead.offered') {
          mirror.leads[data.leadId] = { ...mirror.leads[data.leadId], status: data.status };
        }
        writeFileSync(opts.file, JSON.stringify(mirror, null, 2));
      }
      res.writeHead(204).end();
    });
  }).listen(opts.port, '127.0.0.1');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { WEBHOOK_SECRET, PORT = '4000', MIRROR = 'leads.json' } = process.env;
  if (!WEBHOOK_SECRET) throw new Error('set WEBHOOK_SECRET to the secret `webhooks add` printed');
  startCrmSync({ port: Number(PORT), secret: WEBHOOK_SECRET, file: MIRROR });
  console.log(`mirroring leads into ${MIRROR}; listening on http://127.0.0.1:${PORT}/`);
}
