import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createSqliteStore } from './node/store/sqlite/sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'integ2-prof-'));
function lead(id: string) {
  const at = new Date();
  return { id, company: 'Globex Logistics GmbH', contact: { name: 'Dana Weber', email: 'dana@globex.example' }, region: 'EMEA', interest: ['router'], source: 'bench', version: 1, routing: null, offerHours: null, createdAt: at, updatedAt: at, withdrawnAt: null, withdrawReason: null } as any;
}
async function unitCost(file: string, domainEvents: boolean, units: number) {
  const store = createSqliteStore(file, { domainEvents });
  const c0 = process.cpuUsage();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < units; i++) {
    pending.push(store.transact(async (tx) => {
      const l = lead(`B${i}`);
      await tx.leads.insertLead(l);
      await tx.leads.updateLead(l.id, { version: 2, at: new Date() });
      await tx.leads.updateLead(l.id, { version: 3, at: new Date() });
    }));
  }
  await Promise.all(pending);
  const c = process.cpuUsage(c0); const us = (c.user + c.system) / units;
  await store.close();
  return us;
}
const units = Number(process.argv[2] ?? 10000);
const only = process.argv[3];
await unitCost(join(dir, 'w.db'), true, 500);
let on = 0, off = 0;
for (let r = 0; r < 3; r++) {
  if (only !== 'on') off += await unitCost(join(dir, `off${r}.db`), false, units);
  if (only !== 'off') on += await unitCost(join(dir, `on${r}.db`), true, units);
}
console.log(`off ${(off/3).toFixed(0)} µs, on ${(on/3).toFixed(0)} µs, per event ${((on-off)/9).toFixed(1)} µs`);
