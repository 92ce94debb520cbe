import { expect } from 'chai';
import { InvalidQuantityError, parseQuantity, quantityMilliValue, quantityValue, tryParseQuantity } from './quantity.js';

describe('parseQuantity', () => {
  const cases: { name: string; text: string; nanos: bigint; value: bigint; milli: bigint }[] = [
    { name: 'plain integer', text: '110', nanos: 110_000_000_000n, value: 110n, milli: 110_000n },
    { name: 'millicores', text: '500m', nanos: 500_000_000n, value: 1n, milli: 500n },
    { name: 'whole cores', text: '2', nanos: 2_000_000_000n, value: 2n, milli: 2000n },
    { name: 'binary suffix', text: '32Gi', nanos: 32n * 2n ** 30n * 1_000_000_000n, value: 32n * 2n ** 30n, milli: 32n * 2n ** 30n * 1000n },
    { name: 'fraction with binary suffix', text: '1.5Gi', nanos: 1_610_612_736_000_000_000n, value: 1_610_612_736n, milli: 1_610_612_736_000n },
    { name: 'decimal exponent', text: '1e3', nanos: 1000_000_000_000n, value: 1000n, milli: 1_000_000n },
    { name: 'upper-case exponent', text: '2E2', nanos: 200_000_000_000n, value: 200n, milli: 200_000n },
    { name: 'E alone is exa', text: '1E', nanos: 10n ** 27n, value: 10n ** 18n, milli: 10n ** 21n },
    { name: 'negative exponent', text: '5e-3', nanos: 5_000_000n, value: 1n, milli: 5n },
    { name: 'decimal SI kilo', text: '1.5k', nanos: 1_500_000_000_000n, value: 1500n, milli: 1_500_000n },
    { name: 'mega', text: '3M', nanos: 3_000_000_000_000_000n, value: 3_000_000n, milli: 3_000_000_000n },
    { name: 'nano', text: '7n', nanos: 7n, value: 1n, milli: 1n },
    { name: 'micro', text: '1500u', nanos: 1_500_000n, value: 1n, milli: 2n },
    { name: 'leading dot', text: '.5', nanos: 500_000_000n, value: 1n, milli: 500n },
    { name: 'trailing dot', text: '5.', nanos: 5_000_000_000n, value: 5n, milli: 5000n },
    { name: 'explicit plus', text: '+3', nanos: 3_000_000_000n, value: 3n, milli: 3000n },
    { name: 'negative rounds away from zero', text: '-1.5', nanos: -1_500_000_000n, value: -2n, milli: -1500n },
    { name: 'below a nano rounds up to one nano', text: '0.0000000001', nanos: 1n, value: 1n, milli: 1n },
    { name: 'zero', text: '0', nanos: 0n, value: 0n, milli: 0n },
    { name: 'zero with suffix', text: '0Gi', nanos: 0n, value: 0n, milli: 0n },
    { name: 'huge values are capped at int64 units', text: '1e40', nanos: ((1n << 63n) - 1n) * 1_000_000_000n, value: (1n << 63n) - 1n, milli: ((1n << 63n) - 1n) * 1000n },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const nanos = parseQuantity(c.text);
      expect(nanos).to.equal(c.nanos);
      expect(quantityValue(nanos)).to.equal(c.value);
      expect(quantityMilliValue(nanos)).to.equal(c.milli);
    });
  }

  const invalid = ['', '.', '-', 'abc', '1K', '1 Gi', ' 1', '1e', '1.5.', 'Gi', '1Gb', '1ee3'];
  for (const text of invalid) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      expect(() => parseQuantity(text)).to.throw(InvalidQuantityError);
      expect(tryParseQuantity(text)).to.equal(undefined);
    });
  }
});
