import { fieldInvalid, type FieldError } from '@karmada-ts/kube';
import { quantityValue, tryParseQuantity, type NanoUnits } from '../quantity/quantity.js';

/**
 * Cluster.spec.resourceModels: the defaults Karmada's aggregated API server stores (feature gate
 * CustomizedClusterResourceModeling, on by default), its normalization of user models, and its validation.
 */
export interface ResourceModelRange {
  name: string;
  min: string | number;
  max: string | number;
}

export interface ResourceModelShape {
  grade: number;
  ranges: ResourceModelRange[];
}

/** Go's math.MaxInt64 as a canonical quantity. */
const maxInt64 = '9223372036854775807';

const cpuBounds = ['0', '1', '2', '4', '8', '16', '32', '64', '128', maxInt64];
const memoryBounds = ['0', '4Gi', '16Gi', '32Gi', '64Gi', '128Gi', '256Gi', '512Gi', '1Ti', maxInt64];

/** Karmada's SetDefaultClusterResourceModels: grades 0..8 over cpu and memory. */
export function defaultResourceModels(): ResourceModelShape[] {
  return cpuBounds.slice(0, -1).map((_, grade) => ({
    grade,
    ranges: [
      { name: 'cpu', min: cpuBounds[grade]!, max: cpuBounds[grade + 1]! },
      { name: 'memory', min: memoryBounds[grade]!, max: memoryBounds[grade + 1]! },
    ],
  }));
}

/** Karmada's StandardizeClusterResourceModels: sorted by grade, first minimums 0, last maximums MaxInt64. */
export function standardizeResourceModels(models: readonly ResourceModelShape[]): ResourceModelShape[] {
  if (models.length === 0) return [];
  const sorted = [...models].sort((a, b) => a.grade - b.grade);
  const last = sorted.length - 1;
  return sorted.map((model, i) => ({
    ...model,
    ranges: (model.ranges ?? []).map((range) => ({ ...range, ...(i === 0 ? { min: '0' } : {}), ...(i === last ? { max: maxInt64 } : {}) })),
  }));
}

const maxInt64Value = (1n << 63n) - 1n;

/**
 * Karmada's ValidateClusterResourceModels: the first problem only, reported on the whole list. Adjacent bounds are
 * compared by value (Karmada compares the decoded Quantity structs, which agree for equal canonical strings).
 */
export function validateResourceModels(models: readonly ResourceModelShape[], path: string): FieldError[] {
  const parsed: { min: NanoUnits; max: NanoUnits; name: string }[][] = [];
  for (const [i, model] of models.entries()) {
    const ranges: { min: NanoUnits; max: NanoUnits; name: string }[] = [];
    for (const [j, range] of (model.ranges ?? []).entries()) {
      const min = tryParseQuantity(String(range.min));
      const max = tryParseQuantity(String(range.max));
      if (min === undefined) return [badQuantity(`${path}[${i}].ranges[${j}].min`, range.min)];
      if (max === undefined) return [badQuantity(`${path}[${i}].ranges[${j}].max`, range.max)];
      ranges.push({ min, max, name: range.name });
    }
    parsed.push(ranges);
  }
  const problem = firstModelProblem(models, parsed);
  return problem ? [fieldInvalid(path, models, problem)] : [];
}

function badQuantity(path: string, value: unknown): FieldError {
  return fieldInvalid(path, value, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
}

function firstModelProblem(models: readonly ResourceModelShape[], ranges: readonly { min: NanoUnits; max: NanoUnits; name: string }[][]): string | undefined {
  for (let i = 0; i < models.length; i++) {
    if (i !== 0 && models[i]!.grade === models[i - 1]!.grade) return 'The grade of each models should not be the same';
    if (i !== 0 && ranges[i - 1]!.length !== ranges[i]!.length) return 'The number of resource types should be the same';
    for (const [j, range] of ranges[i]!.entries()) {
      if (range.max <= range.min) return 'The max value of each resource must be greater than the min value';
      if (i === 0) {
        if (range.min !== 0n) return 'The min value of each resource in the first model should be 0';
      } else if (ranges[i - 1]![j]!.name !== range.name) return 'The resource types of each models should be the same';
      else if (ranges[i - 1]![j]!.max !== range.min) return 'Model intervals for resources must be contiguous and non-overlapping';
      if (i === models.length - 1 && quantityValue(range.max) !== maxInt64Value) return 'The max value of each resource in the last model should be MaxInt64';
    }
  }
  return undefined;
}
