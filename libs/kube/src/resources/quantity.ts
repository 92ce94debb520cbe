/**
 * Kubernetes resource quantities (`500m`, `32Gi`, `1e3`, `110`) parsed to exact integers of milli-units (bigint),
 * so that sums of requests and allocatable are exact. Rounding follows resource.Quantity: a value finer than a
 * milli-unit rounds up (away from zero).
 */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value times 1000, rounded up when finer than a milli-unit. */
  milli: bigint;
  /** The suffix family the text used; formatting a result keeps it. */
  format: QuantityFormat;
}

export class QuantityParseError extends Error {
  constructor(input: string) {
    super(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (got ${JSON.stringify(input)})`);
    this.name = 'QuantityParseError';
  }
}

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const quantityPattern = /^([+-]?)(\d+\.?\d*|\.\d+)(.*)$/;

function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

/** Division rounding away from zero, as Quantity's rounding up does. */
function divideRoundingUp(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator;
  return numerator % denominator === 0n ? q : numerator < 0n ? q - 1n : q + 1n;
}

export function parseQuantity(input: string | number): Quantity {
  const text = typeof input === 'number' ? String(input) : input.trim();
  const match = quantityPattern.exec(text);
  if (!match) throw new QuantityParseError(text);
  const [, sign, number, suffix] = match as unknown as [string, string, string, string];
  const [whole, fraction = ''] = number.split('.');
  let mantissa = BigInt((whole ?? '') + fraction || '0');
  if (sign === '-') mantissa = -mantissa;
  let exp10 = -fraction.length;
  let exp2 = 0;
  let format: QuantityFormat;
  if (suffix in binarySuffixes) {
    exp2 = binarySuffixes[suffix]!;
    format = 'BinarySI';
  } else if (suffix in decimalSuffixes) {
    exp10 += decimalSuffixes[suffix]!;
    format = 'DecimalSI';
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    exp10 += Number(suffix.slice(1));
    format = 'DecimalExponent';
  } else {
    throw new QuantityParseError(text);
  }
  const scaled = exp10 + 3;
  const numerator = mantissa * (scaled > 0 ? pow10(scaled) : 1n) * (1n << BigInt(exp2));
  const milli = scaled >= 0 ? numerator : divideRoundingUp(numerator, pow10(-scaled));
  return { milli, format };
}

/** The value in milli-units (`500m` → 500n, `2` → 2000n). */
export function quantityToMilli(input: string | number): bigint {
  return parseQuantity(input).milli;
}

/** The value in whole units, rounded up (`32Gi` → 34359738368n, `100m` → 1n). */
export function quantityToUnits(input: string | number): bigint {
  return divideRoundingUp(parseQuantity(input).milli, 1000n);
}

const decimalUp = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
const binaryUp = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** The canonical text of a milli-unit amount in a suffix family, as Quantity.String() writes it. */
export function formatMilli(milli: bigint, format: QuantityFormat = 'DecimalSI'): string {
  if (milli === 0n) return '0';
  const negative = milli < 0n;
  const magnitude = negative ? -milli : milli;
  const sign = negative ? '-' : '';
  if (magnitude % 1000n !== 0n) return `${sign}${magnitude}m`;
  const units = magnitude / 1000n;
  if (format === 'BinarySI' && (units >= 1024n)) {
    let value = units;
    let step = 0;
    while (step < binaryUp.length - 1 && value % 1024n === 0n) {
      value /= 1024n;
      step++;
    }
    if (step > 0) return `${sign}${value}${binaryUp[step]}`;
  }
  let value = units;
  let step = 0;
  while (step < decimalUp.length - 1 && value % 1000n === 0n) {
    value /= 1000n;
    step++;
  }
  if (format === 'DecimalExponent') return step === 0 ? `${sign}${value}` : `${sign}${value}e${step * 3}`;
  return `${sign}${value}${decimalUp[step]}`;
}

/** A quantity's canonical text (`1000m` → `1`, `1024Mi` → `1Gi`, `1500` → `1500`). */
export function canonicalQuantity(input: string | number): string {
  const q = parseQuantity(input);
  return formatMilli(q.milli, q.format);
}

/** A map of resource names to milli-unit amounts (cpu, memory, pods, …). */
export type ResourceAmounts = Record<string, bigint>;

export function parseResourceList(list: Readonly<Record<string, unknown>> | undefined): ResourceAmounts {
  const out: ResourceAmounts = {};
  for (const [name, value] of Object.entries(list ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') out[name] = quantityToMilli(value);
  }
  return out;
}

export function addResources(a: ResourceAmounts, b: ResourceAmounts): ResourceAmounts {
  const out: ResourceAmounts = { ...a };
  for (const [name, value] of Object.entries(b)) out[name] = (out[name] ?? 0n) + value;
  return out;
}

export function subtractResources(a: ResourceAmounts, b: ResourceAmounts): ResourceAmounts {
  const out: ResourceAmounts = { ...a };
  for (const [name, value] of Object.entries(b)) out[name] = (out[name] ?? 0n) - value;
  return out;
}

/** The element-wise maximum. */
export function maxResources(a: ResourceAmounts, b: ResourceAmounts): ResourceAmounts {
  const out: ResourceAmounts = { ...a };
  for (const [name, value] of Object.entries(b)) out[name] = out[name] === undefined || value > out[name]! ? value : out[name]!;
  return out;
}

/** Formats amounts back to a ResourceList: memory-like names in BinarySI, the rest DecimalSI. */
export function formatResourceList(amounts: ResourceAmounts): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(amounts)) {
    const binary = name === 'memory' || name.includes('storage') || name.startsWith('hugepages-');
    out[name] = formatMilli(value, binary ? 'BinarySI' : 'DecimalSI');
  }
  return out;
}
