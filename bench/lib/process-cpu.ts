/**
 * CPU time a process has used so far, all its threads, read from /proc (Linux): for a process
 * the benchmark started but cannot ask over IPC, such as `partner-sync serve`. CPU time, unlike a
 * rate, hardly moves with the load the machine carries, so it shows what the process did per
 * unit of work even in a busy run. Null where /proc is not there.
 */
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export function processCpuMicros(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    return Number.isFinite(ticks) ? (ticks / TICKS_PER_SECOND) * 1e6 : null;
  } catch {
    return null;
  }
}
