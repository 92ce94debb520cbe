import { expect } from 'chai';
import { formatBinarySI, formatDecimalSI, formatMilliDecimal } from './quantity-format.js';

describe('canonical formatting', () => {
  const milli: [bigint, string][] = [
    [0n, '0'],
    [100n, '100m'],
    [1500n, '1500m'],
    [2000n, '2'],
    [2_500_000n, '2500'],
    [3_000_000n, '3k'],
  ];
  for (const [value, want] of milli) it(`milli ${value} → ${want}`, () => expect(formatMilliDecimal(value)).to.equal(want));

  const binary: [bigint, string][] = [
    [0n, '0'],
    [512n, '512'],
    [1000n, '1k'],
    [1024n, '1Ki'],
    [1500n, '1500'],
    [134_217_728n, '128Mi'],
    [3_221_225_472n, '3Gi'],
    [1_000_000n, '1000000'],
  ];
  for (const [value, want] of binary) it(`binary ${value} → ${want}`, () => expect(formatBinarySI(value)).to.equal(want));

  const decimal: [bigint, string][] = [
    [110n, '110'],
    [1000n, '1k'],
    [1n, '1'],
  ];
  for (const [value, want] of decimal) it(`decimal ${value} → ${want}`, () => expect(formatDecimalSI(value)).to.equal(want));
});
