import type { Taint, Toleration } from '../api/meta.js';

/**
 * corev1 Toleration.ToleratesTaint (comparison operators off, as Karmada calls it): an empty effect matches every
 * effect, an empty key every key; operator Exists matches any value, Equal (or empty) needs the same value.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** The first taint no toleration tolerates, or undefined when all are tolerated. */
export function findUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  for (const taint of taints) {
    if (!tolerations.some((toleration) => toleratesTaint(toleration, taint))) return taint;
  }
  return undefined;
}

/** corev1 Taint.ToString: `key=value:effect`, `key=value:`, `key:effect` or `key`. */
export function taintToString(taint: Taint): string {
  const value = taint.value ? `=${taint.value}` : '';
  if (!taint.effect) return value ? `${taint.key}${value}:` : taint.key;
  return `${taint.key}${value}:${taint.effect}`;
}
