/**
 * When each template, binding and Work of a propagation run passed each stage of the pipeline, from the events of the
 * instance's stream in stream order, and the latency of every step.
 *
 * The times are the stream's storage timestamps (when JetStream stored the event), not the envelopes' `time`: a
 * controller's event takes its time from its cause (ARCHITECTURE.md: time from the cause, never the clock), so along
 * one chain the envelope times are all the user's request time and say nothing about how long each step took.
 */
import {
  BindingUpserted,
  PlacementDecided,
  ResourceCreated,
  TemplateStatusAggregated,
  WorkRendered,
  WorkStatusReported,
  type Envelope,
  type GroupResourceJson,
} from '@karmada-ts/contracts';
import { WorkConditionType } from '@karmada-ts/domain';

/** One event as stored: its stream sequence, when the stream stored it (ms since the epoch) and the envelope. */
export interface LoggedEvent {
  readonly seq: number;
  readonly storedAtMs: number;
  readonly envelope: Envelope;
}

/**
 * The pipeline's stages: the gateway accepted the template (ResourceCreated), policy-svc bound it (BindingUpserted),
 * scheduler-svc placed the binding (PlacementDecided with clusters), binding-svc rendered a Work per cluster
 * (WorkRendered), executor-svc applied each Work in its member (WorkStatusReported with Applied=True), binding-svc
 * aggregated the members' status into the template's (TemplateStatusAggregated with readyReplicas = replicas).
 */
export const stages = ['accepted', 'bound', 'scheduled', 'rendered', 'applied', 'aggregated'] as const;
export type Stage = (typeof stages)[number];

/** Each stage from the one before it for the same template, binding or Work, and the two ends to end. */
export const transitions = [
  'accepted → bound',
  'bound → scheduled',
  'scheduled → rendered',
  'rendered → applied',
  'applied → aggregated',
  'accepted → applied',
  'accepted → aggregated',
] as const;
export type Transition = (typeof transitions)[number];

/** The templates the timeline follows: one resource in one namespace. */
export interface TimelineScope {
  readonly resource: GroupResourceJson;
  readonly kind: string;
  readonly namespace: string;
}

interface TemplateTimes {
  readonly replicas: number;
  readonly accepted: number;
  bound?: number;
  scheduled?: number;
  aggregated?: number;
  /** How many clusters its placement chose: how many Works it has. */
  placedOn?: number;
  /** How many of its Works were applied, when the first and the last of them was. */
  appliedWorks: number;
  firstApplied?: number;
  lastApplied?: number;
}

interface WorkTimes {
  readonly template: string;
  readonly rendered: number;
  applied?: number;
}

interface BindingRef {
  readonly namespace?: string;
  readonly name: string;
}

export class StageTimeline {
  private readonly templates = new Map<string, TemplateTimes>();
  /** Binding key → template key. */
  private readonly bindings = new Map<string, string>();
  private readonly works = new Map<string, WorkTimes>();
  private readonly reached: Record<Stage, number> = { accepted: 0, bound: 0, scheduled: 0, rendered: 0, applied: 0, aggregated: 0 };
  private last = { seq: 0, storedAtMs: 0 };

  constructor(private readonly scope: TimelineScope) {}

  /** Feeds the next event of the stream (in stream order); events of other aggregates and templates are skipped. */
  add(event: LoggedEvent): void {
    const e = event.envelope;
    if (ResourceCreated.is(e)) this.onAccepted(e.data.resource, e.data.object.metadata, e.data.object['spec'], event);
    else if (BindingUpserted.is(e)) this.onBound(e.data.binding, e.data.deleting === true, event);
    else if (PlacementDecided.is(e)) this.onScheduled(e.data.binding, e.data.clusters.length, event);
    else if (WorkRendered.is(e)) this.onRendered(e.data.work.metadata, e.data.binding, event);
    else if (WorkStatusReported.is(e)) this.onReported(e.data.work, e.data.status, event);
    else if (TemplateStatusAggregated.is(e)) this.onAggregated(e.data, event);
  }

  /** How many templates (accepted, bound, scheduled, aggregated) and Works (rendered, applied) reached each stage. */
  counts(): Record<Stage, number> {
    return { ...this.reached };
  }

  /** The last event that moved a template or Work to a stage: its sequence and when it was stored (ms since the epoch). */
  lastProgress(): { readonly seq: number; readonly storedAtMs: number } {
    return { ...this.last };
  }

  /** Every step's durations in ms, one per template, binding or Work that made the step. */
  latencies(): Record<Transition, number[]> {
    const out = Object.fromEntries(transitions.map((t) => [t, [] as number[]])) as Record<Transition, number[]>;
    for (const t of this.templates.values()) {
      if (t.bound !== undefined) out['accepted → bound'].push(t.bound - t.accepted);
      if (t.bound !== undefined && t.scheduled !== undefined) out['bound → scheduled'].push(t.scheduled - t.bound);
      if (t.aggregated !== undefined) {
        out['accepted → aggregated'].push(t.aggregated - t.accepted);
        if (t.lastApplied !== undefined) out['applied → aggregated'].push(t.aggregated - t.lastApplied);
      }
    }
    for (const w of this.works.values()) {
      const template = this.templates.get(w.template)!;
      if (template.scheduled !== undefined) out['scheduled → rendered'].push(w.rendered - template.scheduled);
      if (w.applied === undefined) continue;
      out['rendered → applied'].push(w.applied - w.rendered);
      out['accepted → applied'].push(w.applied - template.accepted);
    }
    return out;
  }

  /**
   * Per template, in ms from accepted: to its first Work applied, and to the last Work of its placement applied
   * (`all`: only the templates whose Works were all applied).
   */
  appliedLatencies(): { readonly first: number[]; readonly all: number[] } {
    const first: number[] = [];
    const all: number[] = [];
    for (const t of this.templates.values()) {
      if (t.firstApplied !== undefined) first.push(t.firstApplied - t.accepted);
      if (t.lastApplied !== undefined && t.placedOn !== undefined && t.appliedWorks >= t.placedOn) all.push(t.lastApplied - t.accepted);
    }
    return { first, all };
  }

  /**
   * accepted → every Work applied, per window of `windowMs` of acceptance from the first template accepted: where in
   * a run its slow templates were (a warm-up, a stall), which one percentile over the run cannot tell. A window lists
   * the templates accepted in it whose Works were all applied.
   */
  allAppliedOverTime(windowMs: number): { readonly fromMs: number; readonly latencies: number[] }[] {
    if (this.templates.size === 0) return [];
    // A loop, not Math.min(...all): a long run's templates are more arguments than a call takes.
    let start = Number.POSITIVE_INFINITY;
    let end = Number.NEGATIVE_INFINITY;
    for (const { accepted } of this.templates.values()) {
      start = Math.min(start, accepted);
      end = Math.max(end, accepted);
    }
    const windows = Array.from({ length: Math.floor((end - start) / windowMs) + 1 }, (_, i) => ({ fromMs: i * windowMs, latencies: [] as number[] }));
    for (const t of this.templates.values()) {
      if (t.lastApplied !== undefined && t.placedOn !== undefined && t.appliedWorks >= t.placedOn) {
        windows[Math.floor((t.accepted - start) / windowMs)]!.latencies.push(t.lastApplied - t.accepted);
      }
    }
    return windows;
  }

  private reach(stage: Stage, event: LoggedEvent): void {
    this.reached[stage] += 1;
    this.last = { seq: event.seq, storedAtMs: event.storedAtMs };
  }

  private onAccepted(resource: GroupResourceJson, metadata: { namespace?: string; name?: string }, spec: unknown, event: LoggedEvent): void {
    if (!this.inScope(resource, metadata.namespace)) return;
    const key = templateKey(metadata.namespace, metadata.name ?? '');
    if (this.templates.has(key)) return;
    const replicas = (spec as { replicas?: number } | undefined)?.replicas ?? 1;
    this.templates.set(key, { replicas, accepted: event.storedAtMs, appliedWorks: 0 });
    this.reach('accepted', event);
  }

  private onBound(binding: { metadata: { namespace?: string; name?: string }; spec?: unknown }, deleting: boolean, event: LoggedEvent): void {
    const resource = (binding.spec as { resource?: { kind?: string; namespace?: string; name?: string } } | undefined)?.resource;
    if (deleting || resource?.kind !== this.scope.kind || resource.namespace !== this.scope.namespace) return;
    const key = templateKey(resource.namespace, resource.name ?? '');
    const template = this.templates.get(key);
    if (!template || template.bound !== undefined) return;
    this.bindings.set(templateKey(binding.metadata.namespace, binding.metadata.name ?? ''), key);
    template.bound = event.storedAtMs;
    this.reach('bound', event);
  }

  private onScheduled(binding: BindingRef, clusters: number, event: LoggedEvent): void {
    const template = this.templateOfBinding(binding);
    if (!template || clusters === 0 || template.scheduled !== undefined) return;
    template.scheduled = event.storedAtMs;
    template.placedOn = clusters;
    this.reach('scheduled', event);
  }

  private onRendered(work: { namespace?: string; name?: string }, binding: BindingRef | undefined, event: LoggedEvent): void {
    const template = binding && this.bindings.get(templateKey(binding.namespace, binding.name));
    const key = templateKey(work.namespace, work.name ?? '');
    if (!template || this.works.has(key)) return;
    this.works.set(key, { template, rendered: event.storedAtMs });
    this.reach('rendered', event);
  }

  private onReported(ref: { namespace: string; name: string }, status: Readonly<Record<string, unknown>>, event: LoggedEvent): void {
    const work = this.works.get(templateKey(ref.namespace, ref.name));
    const conditions = (status['conditions'] ?? []) as { type?: string; status?: string }[];
    if (!work || work.applied !== undefined) return;
    if (!conditions.some((c) => c.type === WorkConditionType.Applied && c.status === 'True')) return;
    work.applied = event.storedAtMs;
    const template = this.templates.get(work.template)!;
    template.appliedWorks += 1;
    template.firstApplied ??= event.storedAtMs;
    template.lastApplied = Math.max(template.lastApplied ?? 0, event.storedAtMs);
    this.reach('applied', event);
  }

  private onAggregated(data: { resource: GroupResourceJson; namespace?: string; name: string; status: Readonly<Record<string, unknown>> }, event: LoggedEvent): void {
    if (!this.inScope(data.resource, data.namespace)) return;
    const template = this.templates.get(templateKey(data.namespace, data.name));
    if (!template || template.aggregated !== undefined || data.status['readyReplicas'] !== template.replicas) return;
    template.aggregated = event.storedAtMs;
    this.reach('aggregated', event);
  }

  private templateOfBinding(binding: BindingRef): TemplateTimes | undefined {
    const key = this.bindings.get(templateKey(binding.namespace, binding.name));
    return key === undefined ? undefined : this.templates.get(key);
  }

  private inScope(resource: GroupResourceJson, namespace: string | undefined): boolean {
    return resource.group === this.scope.resource.group && resource.resource === this.scope.resource.resource && namespace === this.scope.namespace;
  }
}

function templateKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}
