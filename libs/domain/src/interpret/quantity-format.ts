/**
 * Resource quantities written in Kubernetes' canonical form (what Quantity.String() prints), so the requests Karmada
 * sums and records on a binding read the same here: "1500m", "3Gi", "1k". Parsing is ../quantity.
 */

const decimalExponents: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const decimalSuffixes = new Map<number, string>(Object.entries(decimalExponents).map(([suffix, exponent]) => [exponent, suffix]));

/** resource.NewMilliQuantity(milli, DecimalSI).String(), e.g. 1500 → "1500m", 2000 → "2". */
export function formatMilliDecimal(milli: bigint): string {
  return formatDecimal(milli, -3);
}

/** resource.NewQuantity(value, DecimalSI).String(), e.g. 110 → "110", 2000 → "2k". */
export function formatDecimalSI(value: bigint): string {
  return formatDecimal(value, 0);
}

/** resource.NewQuantity(value, BinarySI).String(), e.g. 3221225472 → "3Gi", 1000 → "1k", 1500 → "1500". */
export function formatBinarySI(value: bigint): string {
  if (value > -1024n && value < 1024n) return formatDecimal(value, 0);
  let mantissa = value;
  let power = 0;
  while (mantissa % 1024n === 0n && power < 6) {
    mantissa /= 1024n;
    power += 1;
  }
  return `${mantissa}${['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][power]}`;
}

/** Canonical decimal form of value × 10^scale: the exponent a multiple of 3, the mantissa an integer. */
function formatDecimal(value: bigint, scale: number): string {
  if (value === 0n) return '0';
  let mantissa = value;
  let exponent = scale;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent += 1;
  }
  const remainder = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(remainder);
  exponent -= remainder;
  const suffix = decimalSuffixes.get(exponent);
  return `${mantissa}${suffix ?? `e${exponent}`}`;
}
