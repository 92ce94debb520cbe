import { expect } from 'chai';
import {
  BindingUpserted,
  newEnvelope,
  PlacementDecided,
  ResourceCreated,
  Subjects,
  TemplateStatusAggregated,
  WorkRendered,
  WorkStatusReported,
  type Envelope,
  type EventType,
} from '@karmada-ts/contracts';
import { StageTimeline, type LoggedEvent } from '../src/propagate/stage-timeline.js';

const subjects = new Subjects('timeline-test');
const deployments = { group: 'apps', version: 'v1', resource: 'deployments' };
const scope = { resource: { group: 'apps', resource: 'deployments' }, kind: 'Deployment', namespace: 'default' };

function envelope<Type extends string, Data>(type: EventType<Type, Data>, data: Data): Envelope {
  return newEnvelope(type, { id: 'x', correlationId: 'x', causationId: 'x', subject: subjects.all, time: '2026-01-01T00:00:00Z', actor: 'test', data });
}

/** The events of one template `name` (replicas 2) going through every stage, the Work in each of two members. */
function pipeline(name: string, namespace = 'default', kind = 'Deployment'): Envelope[] {
  const binding = { kind: 'ResourceBinding' as const, namespace, name: `${name}-deployment`, uid: `${name}-rb` };
  const work = (cluster: string) => ({ namespace: `karmada-es-${cluster}`, name: `${name}-w`, uid: `${name}-${cluster}`, cluster });
  const applied = { conditions: [{ type: 'Applied', status: 'True' }] };
  const object = { apiVersion: 'apps/v1', kind, metadata: { name, namespace }, spec: { replicas: 2 } };
  const templateStatus = (readyReplicas: number) => ({ resource: scope.resource, namespace, name, status: { replicas: 2, readyReplicas } });
  return [
    envelope(ResourceCreated, { resource: deployments, object }),
    envelope(BindingUpserted, {
      binding: { apiVersion: 'work.karmada.io/v1alpha2', kind: 'ResourceBinding', metadata: { name: binding.name, namespace }, spec: { resource: { kind, namespace, name } } },
    }),
    envelope(PlacementDecided, {
      binding,
      observedBindingSeq: 1,
      clusters: [{ name: 'member1', replicas: 1 }, { name: 'member2', replicas: 1 }],
      gracefulEvictionTasks: [],
      scheduledCondition: {},
      explanation: [],
    }),
    ...['member1', 'member2'].map((cluster) =>
      envelope(WorkRendered, { work: { apiVersion: 'work.karmada.io/v1alpha1', kind: 'Work', metadata: { name: work(cluster).name, namespace: work(cluster).namespace } }, binding, cluster }),
    ),
    envelope(WorkStatusReported, { work: work('member1'), observedWorkSeq: 1, status: applied }),
    envelope(TemplateStatusAggregated, templateStatus(1)),
    envelope(WorkStatusReported, { work: work('member2'), observedWorkSeq: 1, status: { conditions: [{ type: 'Applied', status: 'False' }] } }),
    envelope(WorkStatusReported, { work: work('member2'), observedWorkSeq: 1, status: applied }),
    envelope(WorkStatusReported, { work: work('member2'), observedWorkSeq: 1, status: applied }),
    envelope(TemplateStatusAggregated, templateStatus(2)),
    envelope(TemplateStatusAggregated, templateStatus(2)),
  ];
}

/** Events stored one after the other, 10 ms apart. */
function logged(envelopes: readonly Envelope[]): LoggedEvent[] {
  return envelopes.map((e, i) => ({ seq: i + 1, storedAtMs: 1_000 + 10 * i, envelope: e }));
}

function timelineOf(envelopes: readonly Envelope[]): StageTimeline {
  const timeline = new StageTimeline(scope);
  for (const event of logged(envelopes)) timeline.add(event);
  return timeline;
}

describe('StageTimeline', () => {
  const cases = [
    { name: 'one template through every stage', events: pipeline('web'), counts: { accepted: 1, bound: 1, scheduled: 1, rendered: 2, applied: 2, aggregated: 1 } },
    { name: 'a template of another namespace is not followed', events: pipeline('web', 'other'), counts: { accepted: 0, bound: 0, scheduled: 0, rendered: 0, applied: 0, aggregated: 0 } },
    {
      name: 'a binding of another kind of the same name is not taken for the template',
      events: [pipeline('web')[0]!, ...pipeline('web', 'default', 'StatefulSet').slice(1)],
      counts: { accepted: 1, bound: 0, scheduled: 0, rendered: 0, applied: 0, aggregated: 1 },
    },
    {
      name: 'two templates interleaved',
      events: pipeline('a').flatMap((e, i) => [e, pipeline('b')[i]!]),
      counts: { accepted: 2, bound: 2, scheduled: 2, rendered: 4, applied: 4, aggregated: 2 },
    },
    {
      name: 'a Work never applied stops its template short of aggregated',
      events: pipeline('web').slice(0, 8),
      counts: { accepted: 1, bound: 1, scheduled: 1, rendered: 2, applied: 1, aggregated: 0 },
    },
  ];
  for (const c of cases) {
    it(`counts each stage once per template or Work: ${c.name}`, () => {
      expect(timelineOf(c.events).counts()).to.deep.equal(c.counts);
    });
  }

  it('measures each step from the previous stage of the same template, binding or Work, in storage time', () => {
    // Stored at 1000 (created), 1010 (bound), 1020 (placed), 1030/1040 (rendered), 1050 (member1 applied),
    // 1060 (1/2 ready), 1070 (member2 failed), 1080 (member2 applied), 1090 (again), 1100 (2/2 ready), 1110 (again).
    expect(timelineOf(pipeline('web')).latencies()).to.deep.equal({
      'accepted → bound': [10],
      'bound → scheduled': [10],
      'scheduled → rendered': [10, 20],
      'rendered → applied': [20, 40],
      'applied → aggregated': [20],
      'accepted → applied': [50, 80],
      'accepted → aggregated': [100],
    });
  });

  it('measures per template accepted → first Work applied, and → every Work of its placement applied', () => {
    const cases = [
      { name: 'both Works applied', events: pipeline('web'), want: { first: [50], all: [80] } },
      { name: 'one of the two Works never applied', events: pipeline('web').slice(0, 8), want: { first: [50], all: [] } },
      { name: 'nothing applied yet', events: pipeline('web').slice(0, 5), want: { first: [], all: [] } },
    ];
    for (const c of cases) expect(timelineOf(c.events).appliedLatencies(), c.name).to.deep.equal(c.want);
  });

  it('groups accepted → every Work applied by when the template was accepted', () => {
    // 'web' accepted at 1000, all applied at 1080; 'api' accepted at 1120 (its events follow web's 12), at 1200.
    const both = [...pipeline('web'), ...pipeline('api')];
    const partial = [...pipeline('web'), ...pipeline('api').slice(0, 8)];
    const cases = [
      { name: 'one window holds both', events: both, windowMs: 1_000, want: [{ fromMs: 0, latencies: [80, 80] }] },
      { name: 'a window each', events: both, windowMs: 100, want: [{ fromMs: 0, latencies: [80] }, { fromMs: 100, latencies: [80] }] },
      {
        name: 'an empty window between',
        events: both,
        windowMs: 50,
        want: [{ fromMs: 0, latencies: [80] }, { fromMs: 50, latencies: [] }, { fromMs: 100, latencies: [80] }],
      },
      { name: 'a template not all applied is left out', events: partial, windowMs: 100, want: [{ fromMs: 0, latencies: [80] }, { fromMs: 100, latencies: [] }] },
      { name: 'nothing accepted', events: [], windowMs: 100, want: [] },
    ];
    for (const c of cases) expect(timelineOf(c.events).allAppliedOverTime(c.windowMs), c.name).to.deep.equal(c.want);
  });

  it('reports the last event that advanced a stage', () => {
    expect(timelineOf(pipeline('web')).lastProgress()).to.deep.equal({ seq: 11, storedAtMs: 1_100 });
  });
});
