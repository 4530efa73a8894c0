/**
 * `serve` leaves a small record in the data directory while it runs: its pid and the node id it
 * actually serves under. A node id derived from the port follows a runtime `--port`, so the other
 * commands read it from here to sign and advertise under the id partners can reach; and a second
 * `serve` on the same directory is refused instead of fighting over the port and the database.
 */
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const RUNTIME_FILE = 'serve.json';

export interface RuntimeRecord {
  pid: number;
  nodeId: string;
  host: string;
  port: number;
  startedAt: string;
}

export async function writeRuntimeRecord(dataDir: string, record: RuntimeRecord): Promise<void> {
  const file = join(dataDir, RUNTIME_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}

/** Removes the record if it is still this process's own. */
export async function removeRuntimeRecord(dataDir: string, pid: number): Promise<void> {
  const current = await readRecord(dataDir);
  if (current?.pid === pid) await unlink(join(dataDir, RUNTIME_FILE)).catch(() => undefined);
}

/** The record of a node serving this directory now, or null (none, or left by a dead process). */
export async function runningNode(dataDir: string): Promise<RuntimeRecord | null> {
  const record = await readRecord(dataDir);
  return record !== null && isAlive(record.pid) ? record : null;
}

async function readRecord(dataDir: string): Promise<RuntimeRecord | null> {
  try {
    const parsed = JSON.parse(await readFile(join(dataDir, RUNTIME_FILE), 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const r = parsed as Partial<RuntimeRecord>;
    if (typeof r.pid !== 'number' || typeof r.nodeId !== 'string') return null;
    return {
      pid: r.pid,
      nodeId: r.nodeId,
      host: String(r.host ?? ''),
      port: Number(r.port ?? 0),
      startedAt: String(r.startedAt ?? ''),
    };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
