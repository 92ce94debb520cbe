import { readFileSync } from 'node:fs';
import type { Figure } from '../bench-report.js';

/** A process's resident memory from /proc/<pid>/status, in MiB: now (VmRSS) and its peak so far (VmHWM). */
export interface ProcessMemory {
  readonly rssMiB: number;
  readonly peakRssMiB: number;
}

/** Undefined when the process is gone or /proc is not there (not Linux). */
export function readProcessMemory(pid: number): ProcessMemory | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  const rss = kib('VmRSS');
  const peak = kib('VmHWM');
  return Number.isNaN(rss) || Number.isNaN(peak) ? undefined : { rssMiB: rss / 1024, peakRssMiB: peak / 1024 };
}

/** Each process's memory in whole MiB for a report, null for a process that was not there. */
export function roundedMemory(memory: Record<string, ProcessMemory | undefined>): Record<string, { rss: number; peak: number } | null> {
  return Object.fromEntries(
    Object.entries(memory).map(([name, m]) => [name, m ? { rss: Math.round(m.rssMiB), peak: Math.round(m.peakRssMiB) } : null]),
  );
}

/** One figure per process: its peak RSS during the run, in whole MiB (0 for a process that was not there). */
export function peakRssFigures(memory: Record<string, ProcessMemory | undefined>): Figure[] {
  return Object.entries(memory).map(([name, m]) => ({ name: `peak RSS ${name}`, value: Math.round(m?.peakRssMiB ?? 0), unit: 'MiB' }));
}
