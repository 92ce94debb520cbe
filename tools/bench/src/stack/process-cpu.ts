import { readdirSync, readFileSync } from 'node:fs';
import type { Figure } from '../bench-report.js';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux everywhere that matters). */
const ticksPerSecond = 100;

/** CPU seconds (user + system) a process has used so far, from /proc; undefined when it is gone or not on Linux. */
export function processCpuSeconds(pid: number): number | undefined {
  const stat = procStat(pid);
  return stat && (stat.utime + stat.stime) / ticksPerSecond;
}

/**
 * CPU seconds every process with this command name on the machine has used so far, with their children that ended
 * (Postgres runs a process per connection; the postmaster collects the time of those that closed). Undefined when
 * none runs here (a remote server) or not on Linux. The servers the stack shares (Postgres, NATS) are measured whole:
 * run one benchmark at a time.
 */
export function commandCpuSeconds(command: string): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  let total: number | undefined;
  for (const pid of pids) {
    const stat = procStat(Number(pid));
    if (stat?.command !== command) continue;
    total = (total ?? 0) + (stat.utime + stat.stime + stat.cutime + stat.cstime) / ticksPerSecond;
  }
  return total;
}

interface ProcStat {
  readonly command: string;
  readonly utime: number;
  readonly stime: number;
  /** Of its children that ended and were waited for. */
  readonly cutime: number;
  readonly cstime: number;
}

function procStat(pid: number): ProcStat | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: fields are counted after its closing parenthesis.
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  return {
    command: stat.slice(stat.indexOf('(') + 1, close),
    utime: Number(fields[11]),
    stime: Number(fields[12]),
    cutime: Number(fields[13]),
    cstime: Number(fields[14]),
  };
}

/**
 * Seconds the process's main thread (where JavaScript runs) has waited on a run queue so far, runnable but not given a
 * CPU, from /proc/<pid>/schedstat; undefined when it is gone or not on Linux. A large share of the wall time means
 * other processes starved it: its latencies then measure the machine more than the code.
 */
export function processRunQueueSeconds(pid: number): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds each process used between two readings: a process missing from the first reading started since and
 * counts whole, one missing from the second counts 0.
 */
export function cpuUsedSince(before: Record<string, number | undefined>, after: Record<string, number | undefined>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([name, seconds]) => [name, seconds === undefined ? 0 : Math.max(0, seconds - (before[name] ?? 0))]));
}

/** One figure per process: the CPU seconds it used during the run. */
export function cpuFigures(cpu: Record<string, number>): Figure[] {
  return Object.entries(cpu).map(([name, seconds]) => ({ name: `CPU ${name}`, value: Math.round(seconds * 10) / 10, unit: 's' }));
}
