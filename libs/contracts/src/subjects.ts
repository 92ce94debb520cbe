/**
 * Every subject, stream and durable name of the system is built here and nowhere else.
 *
 * Layout (one stream per instance, so several stacks can share one NATS):
 * - stream `KARMADA_<INSTANCE>` holding the subjects `<instance>.>`;
 * - aggregate subjects `<instance>.<aggregate>[.<key token>…].<namespace|_>.<name>`: one subject per aggregate
 *   instance and per writer (ARCHITECTURE.md §2 rule 2), every variable part encoded with {@link encodeToken};
 * - dead letters `<instance>.deadletter.<durable>`;
 * - durable consumers `<service>-<purpose>`.
 *
 * Add new aggregates as methods of {@link Subjects} (a builder and, where consumers need one, a filter).
 */
import {
  decodeNamespaceToken,
  decodeToken,
  encodeNamespaceToken,
  encodeToken,
  SubjectTokenError,
} from './subject-token.js';

/** The instance used when KARMADA_INSTANCE is not set. */
export const defaultInstance = 'karmada';

const instancePattern = /^[a-z][a-z0-9-]{0,39}$/;
const durablePartPattern = /^[a-z0-9][a-z0-9-]*$/;

/** Aggregate tokens. One token per writer: never let two services write subjects under the same token. */
export const aggregates = {
  /** Resource templates (any Kubernetes object a user submits), written by the api-gateway. */
  template: 'template',
  /** A template's status aggregated from the member clusters, written by binding-svc. */
  templateStatus: 'templatestatus',
  /** A Cluster's status and controller taints, written by cluster-svc. */
  clusterStatus: 'clusterstatus',
  /** "My cleanup for this object is done", written by each controller that holds a finalizer. */
  finalizer: 'finalizer',
  /** Which policy claims a template, written by policy-svc. */
  claim: 'claim',
  /** (Cluster)ResourceBinding specs without the scheduling result, written by policy-svc. */
  binding: 'binding',
  /** Scheduling decisions of bindings, written by scheduler-svc. */
  placement: 'placement',
  /** Aggregated status of bindings and the end of their cleanup, written by binding-svc. */
  bindingStatus: 'bindingstatus',
  /** Rendered Works, written by binding-svc. */
  work: 'work',
  /** What the executor did with a Work in its member cluster, written by executor-svc. */
  workStatus: 'workstatus',
  /** Messages a consumer gave up on (see `deadLetter`). */
  deadLetter: 'deadletter',
} as const;

/** Resource identity as it appears in subjects: the plural resource name and its API group (`''` for core). */
export interface ResourceKind {
  readonly group: string;
  readonly resource: string;
}

/** A subject taken apart by {@link parseAggregateSubject}. */
export interface ParsedSubject {
  readonly instance: string;
  readonly aggregate: string;
  /** The decoded key tokens between the aggregate and the namespace (e.g. `deployments.apps` for templates). */
  readonly keys: readonly string[];
  /** Undefined for cluster-scoped objects. */
  readonly namespace: string | undefined;
  readonly name: string;
}

/** Validates an instance name (`[a-z][a-z0-9-]{0,39}`); it becomes the first subject token and part of names. */
export function assertInstance(instance: string): string {
  if (!instancePattern.test(instance)) {
    throw new SubjectTokenError(
      `instance "${instance}" is not valid: use 1-40 lower-case letters, digits or '-', starting with a letter`,
    );
  }
  return instance;
}

/** The instance named by KARMADA_INSTANCE, or {@link defaultInstance}. The environment is passed in. */
export function instanceFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  return assertInstance(env.KARMADA_INSTANCE?.trim() || defaultInstance);
}

/** Durable consumer name `<service>-<purpose>`, e.g. `durableName('policy-svc', 'projector')`. */
export function durableName(service: string, purpose: string): string {
  for (const part of [service, purpose]) {
    if (!durablePartPattern.test(part)) {
      throw new SubjectTokenError(`"${part}" cannot be part of a durable name: use lower-case letters, digits, '-'`);
    }
  }
  return `${service}-${purpose}`;
}

/** The `plural.group` token of a resource (`deployments.apps`, `configmaps` for the core group). */
export function resourceToken(kind: ResourceKind): string {
  return encodeToken(kind.group ? `${kind.resource}.${kind.group}` : kind.resource);
}

/**
 * Splits `<instance>.<aggregate>[.<key>…].<namespace|_>.<name>` back into its decoded parts; `keyCount` says how
 * many key tokens the aggregate has (1 for templates).
 */
export function parseAggregateSubject(subject: string, keyCount = 0): ParsedSubject {
  const tokens = subject.split('.');
  if (tokens.length !== keyCount + 4) {
    throw new SubjectTokenError(`"${subject}" does not have ${keyCount} key token(s) between aggregate and namespace`);
  }
  const [instance, aggregate, ...rest] = tokens as [string, string, ...string[]];
  return {
    instance,
    aggregate,
    keys: rest.slice(0, keyCount).map(decodeToken),
    namespace: decodeNamespaceToken(rest[keyCount]!),
    name: decodeToken(rest[keyCount + 1]!),
  };
}

/** The unencoded `plural.group` key of a resource kind (`deployments.apps`, `configmaps`). */
function kindKey(kind: ResourceKind): string {
  return kind.group ? `${kind.resource}.${kind.group}` : kind.resource;
}

/** Subject, stream and filter builders of one instance. */
export class Subjects {
  /** The instance's stream name, `KARMADA_<INSTANCE>` (upper case, `-` kept). */
  readonly stream: string;
  /** Everything the instance writes: `<instance>.>`, the stream's only subject filter. */
  readonly all: string;

  constructor(readonly instance: string) {
    assertInstance(instance);
    this.stream = `KARMADA_${instance.toUpperCase()}`;
    this.all = `${instance}.>`;
  }

  /** The subject filters the stream is provisioned with. */
  streamSubjects(): string[] {
    return [this.all];
  }

  /** `<instance>.<aggregate>[.<key>…].<namespace|_>.<name>`; keys are encoded like names. */
  aggregate(aggregate: string, namespace: string | undefined, name: string, keys: readonly string[] = []): string {
    const tokens = [this.instance, aggregate, ...keys.map(encodeToken), encodeNamespaceToken(namespace), encodeToken(name)];
    return tokens.join('.');
  }

  /** Filter for every subject of one aggregate: `<instance>.<aggregate>.>`. */
  aggregateFilter(aggregate: string): string {
    return `${this.instance}.${aggregate}.>`;
  }

  /** The subject of one resource template: `<instance>.template.<plural.group>.<namespace|_>.<name>`. */
  template(kind: ResourceKind, namespace: string | undefined, name: string): string {
    return this.aggregate(aggregates.template, namespace, name, [kindKey(kind)]);
  }

  /** Filter for all templates, or all templates of one resource kind. */
  templateFilter(kind?: ResourceKind): string {
    return kind
      ? `${this.instance}.${aggregates.template}.${resourceToken(kind)}.>`
      : this.aggregateFilter(aggregates.template);
  }

  /** The aggregated status of one template: `<instance>.templatestatus.<plural.group>.<namespace|_>.<name>`. */
  templateStatus(kind: ResourceKind, namespace: string | undefined, name: string): string {
    return this.aggregate(aggregates.templateStatus, namespace, name, [kindKey(kind)]);
  }

  /** Filter for the statuses of all templates, or of all templates of one resource kind. */
  templateStatusFilter(kind?: ResourceKind): string {
    return kind
      ? `${this.instance}.${aggregates.templateStatus}.${resourceToken(kind)}.>`
      : this.aggregateFilter(aggregates.templateStatus);
  }

  /** The status of one Cluster: `<instance>.clusterstatus._.<name>`. */
  clusterStatus(name: string): string {
    return this.aggregate(aggregates.clusterStatus, undefined, name);
  }

  /** Filter for the statuses of all Clusters. */
  clusterStatusFilter(): string {
    return this.aggregateFilter(aggregates.clusterStatus);
  }

  /**
   * Where the controller of `service` releases its finalizer on one object:
   * `<instance>.finalizer.<service>.<plural.group>.<namespace|_>.<name>`.
   */
  finalizer(service: string, kind: ResourceKind, namespace: string | undefined, name: string): string {
    return this.aggregate(aggregates.finalizer, namespace, name, [service, kindKey(kind)]);
  }

  /** Filter for every finalizer release (the api-gateway consumes them). */
  finalizerFilter(): string {
    return this.aggregateFilter(aggregates.finalizer);
  }

  /** The claim on one template: `<instance>.claim.<plural.group>.<namespace|_>.<name>`. */
  claim(kind: ResourceKind, namespace: string | undefined, name: string): string {
    return this.aggregate(aggregates.claim, namespace, name, [kindKey(kind)]);
  }

  /** Filter for the claims of all templates, or of all templates of one resource kind. */
  claimFilter(kind?: ResourceKind): string {
    return kind ? `${this.instance}.${aggregates.claim}.${resourceToken(kind)}.>` : this.aggregateFilter(aggregates.claim);
  }

  /** A ResourceBinding (namespaced) or ClusterResourceBinding (no namespace): `<instance>.binding.<namespace|_>.<name>`. */
  binding(namespace: string | undefined, name: string): string {
    return this.aggregate(aggregates.binding, namespace, name);
  }

  /** The scheduling decision of one binding: `<instance>.placement.<namespace|_>.<name>`. */
  placement(namespace: string | undefined, name: string): string {
    return this.aggregate(aggregates.placement, namespace, name);
  }

  /** The aggregated status of one binding: `<instance>.bindingstatus.<namespace|_>.<name>`. */
  bindingStatus(namespace: string | undefined, name: string): string {
    return this.aggregate(aggregates.bindingStatus, namespace, name);
  }

  /** One Work, in its execution namespace `karmada-es-<cluster>`: `<instance>.work.<namespace>.<name>`. */
  work(namespace: string, name: string): string {
    return this.aggregate(aggregates.work, namespace, name);
  }

  /** What the executor reported about one Work: `<instance>.workstatus.<namespace>.<name>`. */
  workStatus(namespace: string, name: string): string {
    return this.aggregate(aggregates.workStatus, namespace, name);
  }

  /** Where the consumer `durable` puts messages it gave up on: `<instance>.deadletter.<durable>`. */
  deadLetter(durable: string): string {
    return `${this.instance}.${aggregates.deadLetter}.${encodeToken(durable)}`;
  }

  /** Filter for the dead letters of every consumer. */
  deadLetterFilter(): string {
    return this.aggregateFilter(aggregates.deadLetter);
  }
}
