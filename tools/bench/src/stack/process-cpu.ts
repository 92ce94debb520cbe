import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux everywhere that matters). */
const ticksPerSecond = 100;

/** CPU seconds (user + system) a process has used so far, from /proc; undefined when it is gone or not on Linux. */
export function processCpuSeconds(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
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
