import type { StoredEvent } from '@karmada-ts/eventstore';
import { keyString, type BindingKey } from '../read-models/read-model-tables.js';
import type { BindingRequest } from './binding-sync.js';
import type { BindingInput } from './seen-inputs.js';
import type { NamespaceRequest } from './namespace-sync.js';

/**
 * What a batch of events asks binding-svc to reconcile: bindings and Namespaces, each once, each with the newest
 * event that asked for it as the cause of whatever the reconcile appends. A binding's reconcile covers its Works
 * unless every event asking for it only bears on its status.
 */
export class SyncRequests {
  private readonly bindingRequests = new Map<string, BindingRequest>();
  private readonly namespaceRequests = new Map<string, NamespaceRequest & { readonly cause: StoredEvent }>();

  /**
   * `input` names the binding's own input whose event the cause is (see SeenInputs); requests merged from causes of
   * different inputs, or of none, name none.
   */
  binding(key: BindingKey, cause: StoredEvent, scope: BindingRequest['scope'] = 'works', input?: BindingInput): this {
    const id = keyString(key);
    const current = this.bindingRequests.get(id);
    const merged = current?.scope === 'works' ? 'works' : scope;
    const newest = !current || current.cause.seq < cause.seq ? cause : current.cause;
    const sameInput = current === undefined || current.input === input ? input : undefined;
    this.bindingRequests.set(id, { key: { namespace: key.namespace, name: key.name }, cause: newest, scope: merged, ...(sameInput ? { input: sameInput } : {}) });
    return this;
  }

  namespace(name: string, cause: StoredEvent): this {
    const current = this.namespaceRequests.get(name);
    if (!current || current.cause.seq < cause.seq) this.namespaceRequests.set(name, { name, cause });
    return this;
  }

  get bindings(): BindingRequest[] {
    return [...this.bindingRequests.values()];
  }

  get namespaces(): NamespaceRequest[] {
    return [...this.namespaceRequests.values()];
  }
}
