import { BoundedMap } from '@karmada-ts/service-runtime';

/**
 * Bindings whose latest reconcile is remembered (a number each): more than a burst of 10,000 templates asks for, as
 * for HeadAppender's subjects.
 */
const rememberedBindings = 100_000;

/**
 * Which reconcile of each binding started last in this process. Reconciles are numbered in the order they start, and
 * a number is never given twice, so a forgotten binding can never be mistaken for one reconciled since.
 *
 * BindingSync reconciles a binding once at a time, each reconcile on a snapshot taken after the previous one ended.
 * When a Work event of the binding reaches the read model, and the binding's latest reconcile made a settled decision
 * on that Work's subject (HeadAppender.decidedBy), that decision rested on the event or a later one, and the reconcile
 * counted the Work in the binding's status (from the read model, or as a Work it rendered: worksForStatus). Its
 * decisions on the binding's other Works rested on inputs at least as new. So the event needs no confirming
 * reconcile. Any other latest reconcile may have read a snapshot without the Work (a status reconcile, or one that
 * no longer targets the Work and so missed that it must go): then the Work's event still asks for a reconcile.
 */
export class LatestReconciles {
  private started = 0;
  private readonly latest = new BoundedMap<number>(rememberedBindings);

  /** Marks the start of a reconcile of these bindings (by keyString) and returns its number. */
  begin(bindings: readonly string[]): number {
    this.started += 1;
    for (const binding of bindings) this.latest.set(binding, this.started);
    return this.started;
  }

  /** Whether `reconcile` is the latest reconcile of the binding that this process started and still remembers. */
  isLatest(binding: string, reconcile: number | undefined): boolean {
    return reconcile !== undefined && this.latest.get(binding) === reconcile;
  }
}
