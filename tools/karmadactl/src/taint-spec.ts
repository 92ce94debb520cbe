import type { Taint, TaintEffect } from '@karmada-ts/domain';

/** One `kubectl taint`-style argument: `key=value:Effect` adds, `key:Effect-` or `key-` removes. */
export type TaintChange =
  | { readonly action: 'add'; readonly taint: Taint }
  | { readonly action: 'remove'; readonly key: string; readonly effect?: TaintEffect };

const effects: readonly TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
// A qualified name as Kubernetes allows for label and taint keys: optional DNS prefix, then a 1-63 char name.
const keyPattern = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const valuePattern = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

export function parseTaintChange(arg: string): TaintChange {
  const removal = arg.endsWith('-');
  const body = removal ? arg.slice(0, -1) : arg;
  const [keyValue, effectText, ...rest] = body.split(':');
  if (rest.length > 0 || !keyValue) throw new Error(`invalid taint spec "${arg}": expected key[=value]:Effect or key[:Effect]-`);
  const [key, value, ...more] = keyValue.split('=');
  if (more.length > 0 || !key || !keyPattern.test(key)) throw new Error(`invalid taint key in "${arg}": "${key}" is not a qualified name`);
  if (value !== undefined && !valuePattern.test(value)) throw new Error(`invalid taint value in "${arg}": "${value}"`);
  let effect: TaintEffect | undefined;
  if (effectText !== undefined) {
    if (!effects.includes(effectText as TaintEffect)) {
      throw new Error(`invalid taint effect in "${arg}": "${effectText}", expected one of ${effects.join(', ')}`);
    }
    effect = effectText as TaintEffect;
  }
  if (removal) return effect ? { action: 'remove', key, effect } : { action: 'remove', key };
  if (!effect) throw new Error(`invalid taint spec "${arg}": an added taint needs an effect (key=value:NoSchedule)`);
  return { action: 'add', taint: value ? { key, value, effect } : { key, effect } };
}

/** Taints after a change; adding a taint whose key and effect exist replaces its value (kubectl needs --overwrite). */
export function applyTaintChange(taints: readonly Taint[], change: TaintChange, now: string): Taint[] {
  if (change.action === 'remove') {
    return taints.filter((t) => !(t.key === change.key && (!change.effect || t.effect === change.effect)));
  }
  const { taint } = change;
  const kept = taints.filter((t) => !(t.key === taint.key && t.effect === taint.effect));
  return [...kept, { ...taint, timeAdded: now }];
}
