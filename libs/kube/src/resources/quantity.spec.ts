import { expect } from 'chai';
import { podRequests } from './pod-requests.js';
import { canonicalQuantity, formatMilli, parseQuantity, QuantityParseError, quantityToMilli, quantityToUnits } from './quantity.js';

describe('quantities', () => {
  const milli: [string, bigint][] = [
    ['500m', 500n],
    ['1', 1000n],
    ['8', 8000n],
    ['0.5', 500n],
    ['.5', 500n],
    ['1.5k', 1_500_000n],
    ['32Gi', 34_359_738_368_000n],
    ['128Mi', 134_217_728_000n],
    ['1Ki', 1_024_000n],
    ['1e3', 1_000_000n],
    ['1E3', 1_000_000n],
    ['2e-3', 2n],
    ['110', 110_000n],
    ['100u', 1n],
    ['1n', 1n],
    ['-1', -1000n],
    ['1Ei', 1_152_921_504_606_846_976_000n],
  ];
  for (const [text, expected] of milli) it(`${text} → ${expected} milli`, () => expect(quantityToMilli(text)).to.equal(expected));

  it('rounds whole units up', () => {
    expect(quantityToUnits('100m')).to.equal(1n);
    expect(quantityToUnits('32Gi')).to.equal(34_359_738_368n);
  });

  const canonical: [string, string][] = [
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['0.5', '500m'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['2000', '2k'],
    ['1500', '1500'],
    ['1e3', '1e3'],
    ['0', '0'],
    ['512Ki', '512Ki'],
  ];
  for (const [text, expected] of canonical) it(`canonical ${text} = ${expected}`, () => expect(canonicalQuantity(text)).to.equal(expected));

  it('formats milli amounts in a family', () => {
    expect(formatMilli(34_359_738_368_000n, 'BinarySI')).to.equal('32Gi');
    expect(formatMilli(8000n)).to.equal('8');
    expect(formatMilli(250n)).to.equal('250m');
  });

  for (const bad of ['', 'abc', '1.2.3', '5Qi', '1ee3', 'Gi']) {
    it(`rejects ${JSON.stringify(bad)}`, () => expect(() => parseQuantity(bad)).to.throw(QuantityParseError));
  }

  it('sums pod requests exactly (limits default requests, init containers take the max, overhead adds)', () => {
    const pod = {
      spec: {
        containers: [
          { name: 'a', resources: { requests: { cpu: '100m', memory: '64Mi' } } },
          { name: 'b', resources: { limits: { cpu: '250m', memory: '128Mi' } } },
        ],
        initContainers: [{ name: 'init', resources: { requests: { cpu: '1', memory: '16Mi' } } }],
        overhead: { cpu: '10m' },
      },
    };
    expect(podRequests(pod)).to.deep.equal({ cpu: 1010n, memory: 201_326_592_000n });
  });
});
