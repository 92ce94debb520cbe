import { expect } from 'chai';
import { defaultResourceModels, standardizeResourceModels, validateResourceModels, type ResourceModelShape } from './cluster-resource-models.js';

const max = '9223372036854775807';
const model = (grade: number, ...ranges: [string, string | number, string | number][]): ResourceModelShape => ({ grade, ranges: ranges.map(([name, min, maxValue]) => ({ name, min, max: maxValue })) });

describe('defaultResourceModels', () => {
  const models = defaultResourceModels();
  it('has grades 0..8 over cpu and memory', () => {
    expect(models.map((m) => m.grade)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(models.every((m) => m.ranges.map((r) => r.name).join() === 'cpu,memory')).to.equal(true);
  });
  it('matches Karmada grade by grade', () => {
    expect(models[0]).to.deep.equal(model(0, ['cpu', '0', '1'], ['memory', '0', '4Gi']));
    expect(models[3]).to.deep.equal(model(3, ['cpu', '4', '8'], ['memory', '32Gi', '64Gi']));
    expect(models[7]).to.deep.equal(model(7, ['cpu', '64', '128'], ['memory', '512Gi', '1Ti']));
    expect(models[8]).to.deep.equal(model(8, ['cpu', '128', max], ['memory', '1Ti', max]));
  });
  it('is valid', () => expect(validateResourceModels(models, 'm')).to.deep.equal([]));
});

describe('standardizeResourceModels', () => {
  const cases: { name: string; input: ResourceModelShape[]; want: ResourceModelShape[] }[] = [
    { name: 'none', input: [], want: [] },
    { name: 'one model: min 0 and max MaxInt64', input: [model(3, ['cpu', '1', '2'])], want: [model(3, ['cpu', '0', max])] },
    {
      name: 'sorted by grade, ends pinned',
      input: [model(2, ['cpu', '4', '8']), model(0, ['cpu', '1', '2']), model(1, ['cpu', '2', '4'])],
      want: [model(0, ['cpu', '0', '2']), model(1, ['cpu', '2', '4']), model(2, ['cpu', '4', max])],
    },
  ];
  for (const c of cases) it(c.name, () => expect(standardizeResourceModels(c.input)).to.deep.equal(c.want));
});

describe('validateResourceModels', () => {
  const cases: { name: string; models: ResourceModelShape[]; want: string | undefined }[] = [
    { name: 'contiguous models', models: [model(0, ['cpu', '0', '2'], ['memory', '0', '4Gi']), model(1, ['cpu', '2', max], ['memory', '4Gi', max])], want: undefined },
    { name: 'bounds compared by value', models: [model(0, ['memory', '0', '1Gi']), model(1, ['memory', '1024Mi', max])], want: undefined },
    { name: 'numbers are quantities too', models: [model(0, ['cpu', 0, 2]), model(1, ['cpu', 2, max])], want: undefined },
    { name: 'same grade twice', models: [model(0, ['cpu', '0', '2']), model(0, ['cpu', '2', max])], want: 'The grade of each models should not be the same' },
    { name: 'different resource counts', models: [model(0, ['cpu', '0', '2'], ['memory', '0', '1Gi']), model(1, ['cpu', '2', max])], want: 'The number of resource types should be the same' },
    { name: 'max not above min', models: [model(0, ['cpu', '0', '0'])], want: 'The max value of each resource must be greater than the min value' },
    { name: 'first min not zero', models: [model(0, ['cpu', '1', max])], want: 'The min value of each resource in the first model should be 0' },
    { name: 'resource names differ', models: [model(0, ['cpu', '0', '2']), model(1, ['memory', '2', max])], want: 'The resource types of each models should be the same' },
    { name: 'gap between models', models: [model(0, ['cpu', '0', '2']), model(1, ['cpu', '3', max])], want: 'Model intervals for resources must be contiguous and non-overlapping' },
    { name: 'last max not MaxInt64', models: [model(0, ['cpu', '0', '2']), model(1, ['cpu', '2', '4'])], want: 'The max value of each resource in the last model should be MaxInt64' },
    { name: 'quantities beyond MaxInt64 are capped to it', models: [model(0, ['cpu', '0', '1e30'])], want: undefined },
  ];
  for (const c of cases)
    it(c.name, () => {
      const errors = validateResourceModels(c.models, 'spec.resourceModels');
      if (c.want === undefined) expect(errors).to.deep.equal([]);
      else expect(errors).to.deep.equal([{ type: 'FieldValueInvalid', field: 'spec.resourceModels', body: `Invalid value: ${JSON.stringify(c.models)}: ${c.want}` }]);
    });

  it('a malformed quantity is named', () =>
    expect(validateResourceModels([model(0, ['cpu', '0', 'lots'])], 'spec.resourceModels')).to.deep.equal([
      { type: 'FieldValueInvalid', field: 'spec.resourceModels[0].ranges[0].max', body: "Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" },
    ]));
});
