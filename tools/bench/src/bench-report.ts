import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';

/** One benchmark run's result: the figures it measured, each with its unit, and the targets they are held to. */
export interface BenchResult {
  readonly scenario: string;
  readonly parameters: Record<string, unknown>;
  readonly seconds: number;
  readonly figures: readonly Figure[];
  /** Anything else the scenario wants in the JSON (latency percentiles per stage, per-service RSS, …). */
  readonly details?: Record<string, unknown>;
}

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** A target such as `>= 2000` or `<= 250`; absent when the figure is informative only. */
  readonly target?: { readonly op: '>=' | '<='; readonly value: number };
}

export function meetsTarget(figure: Figure): boolean | undefined {
  if (!figure.target) return undefined;
  return figure.target.op === '>=' ? figure.value >= figure.target.value : figure.value <= figure.target.value;
}

export function formatTable(result: BenchResult): string {
  const rows = result.figures.map((f) => {
    const met = meetsTarget(f);
    return [
      f.name,
      `${formatNumber(f.value)} ${f.unit}`,
      f.target ? `${f.target.op} ${formatNumber(f.target.value)}` : '',
      met === undefined ? '' : met ? 'met' : 'MISSED',
    ];
  });
  const header = ['figure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [
    `${result.scenario} ${JSON.stringify(result.parameters)} — ${result.seconds.toFixed(1)} s`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toPrecision(3);
}

/** The machine and code a result was measured on, recorded beside it in the JSON file. */
export function environmentFacts(): Record<string, unknown> {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Not a git checkout (e.g. inside the Docker image): the commit stays unknown.
  }
  return {
    commit,
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}/${process.arch}`,
    measuredAt: new Date().toISOString(),
  };
}

export function writeJson(path: string, results: readonly BenchResult[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ environment: environmentFacts(), results }, null, 2)}\n`);
}
