import { readFileSync } from 'node:fs';
import type { Figure } from '../bench-report.js';

/** The machine's CPU time so far, in clock ticks summed over every CPU (the `cpu` line of /proc/stat). */
export interface MachineCpuTicks {
  /** Spent running anything: user, nice, system, interrupts. */
  readonly busy: number;
  /** Idle, or idle waiting for I/O. */
  readonly idle: number;
  /** Taken by the hypervisor for other guests while this machine wanted to run. */
  readonly steal: number;
}

/** How the machine's CPUs were spent between two readings, in percent of their whole time. */
export interface MachineCpuShare {
  readonly busyPercent: number;
  readonly stealPercent: number;
}

/**
 * Reads the `cpu` line of /proc/stat: user nice system idle iowait irq softirq steal (guest time is already counted in
 * user and nice). Undefined when the text has no such line.
 */
export function parseMachineCpu(procStat: string): MachineCpuTicks | undefined {
  const line = /^cpu\s+(.*)$/m.exec(procStat)?.[1];
  if (!line) return undefined;
  const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).map(Number);
  if ([user, nice, system, idle].some((n) => n === undefined || !Number.isFinite(n))) return undefined;
  return { busy: user! + nice! + system! + irq + softirq, idle: idle! + iowait, steal };
}

/** The machine's CPU time so far; undefined where /proc/stat is not there (not Linux). */
export function readMachineCpu(): MachineCpuTicks | undefined {
  try {
    return parseMachineCpu(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/** How the CPUs were spent between two readings; undefined without both readings or without time between them. */
export function machineCpuShare(before: MachineCpuTicks | undefined, after: MachineCpuTicks | undefined): MachineCpuShare | undefined {
  if (!before || !after) return undefined;
  const busy = after.busy - before.busy;
  const steal = after.steal - before.steal;
  const total = busy + (after.idle - before.idle) + steal;
  if (total <= 0) return undefined;
  return { busyPercent: round((busy / total) * 100), stealPercent: round((steal / total) * 100) };
}

/**
 * The figures of one phase: how busy the machine's CPUs were during it. Near 100 % the stages wait for a CPU in turn,
 * and latencies measure the machine more than the code. None where the machine's CPU time cannot be read.
 */
export function machineCpuFigures(phase: string, share: MachineCpuShare | undefined): Figure[] {
  if (!share) return [];
  return [
    { name: `machine CPU busy ${phase}`, value: share.busyPercent, unit: '%' },
    { name: `machine CPU stolen ${phase}`, value: share.stealPercent, unit: '%' },
  ];
}

function round(percent: number): number {
  return Math.round(percent * 10) / 10;
}
