import { BoundedMap } from '@karmada-ts/service-runtime';

/** A binding's own inputs, each a read model row written by the events of one subject. */
export type BindingInput = 'binding' | 'placement' | 'template';

/** The sequence of each input's row as a reconcile read it (0: no row). */
export type InputSequences = Readonly<Record<BindingInput, number>>;

/** Bindings whose inputs are remembered: as many as LatestReconciles remembers. */
const rememberedBindings = 100_000;

/**
 * What the last completed reconcile of each binding's Works read of the binding's own inputs. A binding is created
 * by three events that reach binding-svc through three consumers (its template's, its binding's, its placement's),
 * each asking for a reconcile; the first reconcile to find all three rows renders the Works, and the others would
 * decide the same Works again. A reconcile asked for by an input's event needs not run when a completed reconcile of
 * the binding's Works read that input's row at the event's sequence or later: that reconcile decided on the event,
 * and anything it could not know yet (another input, its own Works coming back) asks for a reconcile of its own.
 */
export class SeenInputs {
  private readonly seen = new BoundedMap<InputSequences>(rememberedBindings);

  /** A reconcile of the binding's Works completed, on these rows. */
  record(binding: string, inputs: InputSequences): void {
    const before = this.seen.get(binding);
    // Reconciles of one binding run one at a time, each reading no older rows than the one before; keep the newest.
    this.seen.set(binding, before ? { binding: Math.max(before.binding, inputs.binding), placement: Math.max(before.placement, inputs.placement), template: Math.max(before.template, inputs.template) } : inputs);
  }

  /** Whether a completed reconcile of the binding's Works read this input's row as the event at `seq` left it, or later. */
  covers(binding: string, input: BindingInput | undefined, seq: number): boolean {
    if (input === undefined) return false;
    const seen = this.seen.get(binding);
    return seen !== undefined && seen[input] >= seq;
  }
}
