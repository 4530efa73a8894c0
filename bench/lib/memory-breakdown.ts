/**
 * What a process's memory is, for the memory rows' notes and for looking into them: V8's heap by
 * space, what lies outside it (external, array buffers), and the resident pages by mapping as the
 * kernel counts them (/proc/self/smaps, Linux only), so that code, native modules and the
 * allocator's arenas can be told apart.
 */
import { readFileSync } from 'node:fs';
import { getHeapCodeStatistics, getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

const MB = 1024 * 1024;

export interface MemoryBreakdown {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  /** Each V8 heap space: its committed and used size. */
  spaces: Record<string, { committedMb: number; usedMb: number }>;
  /** V8's code statistics: bytecode and metadata, compiled code, script sources outside the heap. */
  code: Record<string, number>;
  /** Resident MB by mapping (a file's path, or [heap], [anon] …), the largest first. */
  resident: Array<[string, number]>;
}

const round = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

export function memoryBreakdown(snapshot?: string, gc?: boolean): MemoryBreakdown {
  if (gc) (globalThis as { gc?: () => void }).gc?.();
  if (snapshot) writeHeapSnapshot(snapshot);
  const m = process.memoryUsage();
  const spaces: MemoryBreakdown['spaces'] = {};
  for (const s of getHeapSpaceStatistics()) {
    spaces[s.space_name] = {
      committedMb: round(s.physical_space_size),
      usedMb: round(s.space_used_size),
    };
  }
  return {
    rssMb: round(m.rss),
    heapUsedMb: round(m.heapUsed),
    heapTotalMb: round(m.heapTotal),
    externalMb: round(m.external),
    arrayBuffersMb: round(m.arrayBuffers),
    spaces,
    code: Object.fromEntries(
      Object.entries(getHeapCodeStatistics()).map(([k, v]) => [k, round(v as number)]),
    ),
    resident: residentByMapping(),
  };
}

function residentByMapping(): Array<[string, number]> {
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return [];
  }
  const byName = new Map<string, number>();
  let name = '';
  for (const line of text.split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      name = header[1] || '[anon]';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) byName.set(name, (byName.get(name) ?? 0) + Number(rss[1]) * 1024);
  }
  return [...byName.entries()]
    .map(([n, bytes]) => [n, round(bytes)] as [string, number])
    .filter(([, mb]) => mb >= 0.5)
    .sort((a, b) => b[1] - a[1]);
}
