/**
 * Kubernetes resource quantities ("500m", "2", "32Gi", "1e3", "1.5Gi") as exact integers.
 *
 * A quantity is held as a bigint count of nano-units (1e-9), the finest precision Kubernetes keeps: its parser rounds
 * anything smaller up to 1n. From there `quantityValue` and `quantityMilliValue` reproduce Quantity.Value() and
 * Quantity.MilliValue(), both of which round away from zero.
 */
export type NanoUnits = bigint;

export class InvalidQuantityError extends Error {
  constructor(readonly text: string) {
    super(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${JSON.stringify(text)}`);
    this.name = 'InvalidQuantityError';
  }
}

const NANOS_PER_UNIT = 1_000_000_000n;
const NANOS_PER_MILLI = 1_000_000n;
/** Kubernetes caps a quantity at the largest int64 in base units. */
const MAX_NANOS = ((1n << 63n) - 1n) * NANOS_PER_UNIT;
/** Past this many decimal places either way the value is certainly capped, or rounded up to one nano-unit. */
const EXPONENT_LIMIT = 64;

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?/;
const DECIMAL_EXPONENT = /^[eE]([+-]?\d+)$/;
const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, bigint>> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };

/** Parses a quantity into nano-units, or throws InvalidQuantityError. */
export function parseQuantity(text: string): NanoUnits {
  const number = NUMBER.exec(text);
  const whole = number?.[2] ?? '';
  const fraction = number?.[3] ?? '';
  if (!number || whole.length + fraction.length === 0) throw new InvalidQuantityError(text);
  const negative = number[1] === '-';
  const digits = BigInt(whole + fraction);
  const suffix = text.slice(number[0].length);

  // magnitude = digits × multiplier × 10^power10, computed in nano-units and rounded up like Kubernetes does.
  let multiplier = 1n;
  let power10: number;
  const binary = BINARY_SUFFIXES[suffix];
  const decimal = DECIMAL_SUFFIXES[suffix];
  const exponent = DECIMAL_EXPONENT.exec(suffix);
  if (binary !== undefined) {
    multiplier = binary;
    power10 = 0;
  } else if (decimal !== undefined) {
    power10 = decimal;
  } else if (exponent) {
    power10 = Number(exponent[1]);
  } else {
    throw new InvalidQuantityError(text);
  }
  power10 += 9 - fraction.length;

  const magnitude = scaleRoundingUp(digits * multiplier, power10);
  const capped = magnitude > MAX_NANOS ? MAX_NANOS : magnitude;
  return negative ? -capped : capped;
}

/** parseQuantity, or undefined when the text is not a quantity. */
export function tryParseQuantity(text: string): NanoUnits | undefined {
  try {
    return parseQuantity(text);
  } catch (error) {
    if (error instanceof InvalidQuantityError) return undefined;
    throw error;
  }
}

/** Quantity.Value(): whole units, rounded away from zero. */
export function quantityValue(nanos: NanoUnits): bigint {
  return divideAwayFromZero(nanos, NANOS_PER_UNIT);
}

/** Quantity.MilliValue(): thousandths, rounded away from zero (the unit of CPU requests). */
export function quantityMilliValue(nanos: NanoUnits): bigint {
  return divideAwayFromZero(nanos, NANOS_PER_MILLI);
}

function scaleRoundingUp(value: bigint, power10: number): bigint {
  if (value === 0n) return 0n;
  if (power10 >= 0) return power10 > EXPONENT_LIMIT ? MAX_NANOS : value * 10n ** BigInt(power10);
  if (-power10 > EXPONENT_LIMIT + value.toString().length) return 1n;
  return divideAwayFromZero(value, 10n ** BigInt(-power10));
}

function divideAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  if (numerator % denominator === 0n) return quotient;
  return numerator > 0n ? quotient + 1n : quotient - 1n;
}
