/**
 * Kubernetes' version priority (`v1` > `v1beta2` > `v1beta1` > `v1alpha1` > anything else, then lexical), which decides
 * a group's preferred version.
 */
const pattern = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

function rank(version: string): [number, number, number] {
  const m = pattern.exec(version);
  if (!m) return [0, 0, 0];
  const stability = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return [stability, Number(m[1]), Number(m[3] ?? 0)];
}

/** Negative when `a` has higher priority than `b`. */
export function compareVersionPriority(a: string, b: string): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra[0] === 0 && rb[0] === 0) return a < b ? -1 : a > b ? 1 : 0;
  if (ra[0] !== rb[0]) return rb[0] - ra[0];
  if (ra[1] !== rb[1]) return rb[1] - ra[1];
  return rb[2] - ra[2];
}
