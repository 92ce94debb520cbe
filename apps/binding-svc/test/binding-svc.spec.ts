import { expect } from 'chai';
import pg from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  BindingCleanedUp,
  BindingStatusAggregated,
  PlacementDecided,
  TemplateStatusAggregated,
  WorkDeletionRequested,
  WorkRendered,
  type BindingCleanedUpData,
  type BindingStatusAggregatedData,
  type Subjects,
  type TemplateStatusAggregatedData,
  type WorkDeletionRequestedData,
  type WorkRenderedData,
} from '@karmada-ts/contracts';
import { generateWorkName } from '@karmada-ts/domain';
import type { EventStore, StoredEvent } from '@karmada-ts/eventstore';
import { createLogger } from '@karmada-ts/operability';
import { dropDatabase, projectionSchemaName } from '@karmada-ts/projections';
import { EVENT_STORE, ProjectionRunners, rebuildService, startService, SUBJECTS, type RunningService } from '@karmada-ts/service-runtime';
import { TemplateWriter, uniqueName, waitFor } from '@karmada-ts/testing';
import { tables } from '../src/read-models/read-model-tables.js';
import { ReadModelReader } from '../src/read-models/read-model.reader.js';
import { BindingSync } from '../src/sync/binding-sync.js';
import { PropagationSync } from '../src/sync/propagation-sync.js';
import { bindingDurables, bindingService } from '../src/service.js';
import {
  bindingOf,
  cluster,
  deployment,
  ExecutorSvc,
  namespace,
  overridePolicy,
  PolicySvc,
  resources,
  SchedulerSvc,
} from './builders.js';

/** Karmada's Work name for Deployment default/nginx. */
const nginxWork = 'nginx-687f7fb96f';
const es = (cluster: string) => `karmada-es-${cluster}`;

describe('binding-svc', function () {
  this.timeout(60_000);
  const instance = uniqueName('bs').replace(/_/g, '-');
  const database = `karmada_${instance.replace(/-/g, '_')}`;
  const env = {
    KARMADA_INSTANCE: instance,
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
    NATS_URL: 'nats://127.0.0.1:4222',
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  let service: RunningService;
  let store: EventStore;
  let subjects: Subjects;
  let gateway: TemplateWriter;
  let policy: PolicySvc;
  let scheduler: SchedulerSvc;
  let executor: ExecutorSvc;

  const nginx = bindingOf(deployment('nginx', 2));
  const bindingStatusSubject = () => subjects.bindingStatus('default', nginx.metadata.name ?? '');
  const templateStatusSubject = () => subjects.templateStatus(resources.deployments, 'default', 'nginx');
  const workSubject = (cluster: string, name = nginxWork) => subjects.work(es(cluster), name);

  async function start(): Promise<void> {
    service = await startService(bindingService, env);
    store = service.app.get(EVENT_STORE) as EventStore;
    subjects = service.app.get(SUBJECTS) as Subjects;
    gateway = new TemplateWriter(store, subjects);
    policy = new PolicySvc(store, subjects);
    scheduler = new SchedulerSvc(store, subjects);
    executor = new ExecutorSvc(store, subjects);
  }

  /** Every consumer has handled (and acknowledged) everything, and nothing new was appended meanwhile. */
  async function settled(): Promise<number> {
    const jsm = await jetstreamManager(store.connection);
    let previous = -1;
    return waitFor('binding-svc to settle', async () => {
      const last = (await jsm.streams.info(subjects.stream)).state.last_seq;
      const infos = await Promise.all(Object.values(bindingDurables).map((durable) => jsm.consumers.info(subjects.stream, durable)));
      const idle = infos.every((info) => info.num_pending === 0 && info.num_ack_pending === 0);
      const stable = idle && last === previous;
      previous = idle ? last : -1;
      return stable ? last : undefined;
    }, { timeoutMs: 20_000, intervalMs: 50 });
  }

  async function last<Data>(subject: string): Promise<StoredEvent<Data> | undefined> {
    return (await store.readLast(subject)) as StoredEvent<Data> | undefined;
  }

  async function rendered(cluster: string, name = nginxWork): Promise<StoredEvent<WorkRenderedData>> {
    const event = await last<WorkRenderedData>(workSubject(cluster, name));
    expect(event?.type, `${cluster}/${name}`).to.equal(WorkRendered.type);
    return event!;
  }

  function manifestOf(event: StoredEvent<WorkRenderedData>): { spec: { replicas: number; template: { spec: { containers: { image: string }[] } } }; metadata: { labels: Record<string, string>; annotations: Record<string, string> } } {
    return (event.data.work['spec'] as { workload: { manifests: never[] } }).workload.manifests[0]!;
  }

  before(async () => {
    await start();
    for (const name of ['member1', 'member2', 'member3']) await gateway.write(resources.clusters, cluster(name, { name }));
  });

  after(async () => {
    await service?.stop();
    const { connect } = await import('@nats-io/transport-node');
    const nc = await connect({ servers: env.NATS_URL });
    await (await jetstreamManager(nc)).streams.delete(`KARMADA_${instance.toUpperCase()}`).catch(() => undefined);
    await nc.close();
    await dropDatabase(env.DATABASE_URL!);
  });

  it('renders the nginx sample into one Work per cluster, with Karmada names, labels and annotations', async () => {
    await gateway.write(resources.deployments, deployment('nginx', 2));
    const bindingSeq = await policy.upsert(nginx);
    await scheduler.place(nginx, { member1: 1, member2: 1 }, bindingSeq);
    await settled();

    for (const member of ['member1', 'member2']) {
      const event = await rendered(member);
      const work = event.data.work;
      expect(work.metadata).to.include({ name: nginxWork, namespace: es(member) });
      expect(work.metadata.labels).to.include({ 'resourcebinding.karmada.io/permanent-id': 'nginx-rb-id' });
      expect(work.metadata.labels?.['work.karmada.io/permanent-id']).to.be.a('string');
      expect(work.metadata.uid).to.be.a('string');
      expect(work.metadata.annotations).to.deep.equal({
        'resourcebinding.karmada.io/namespace': 'default',
        'resourcebinding.karmada.io/name': 'nginx-deployment',
        'work.karmada.io/conflict-resolution': 'abort',
      });
      expect(work.metadata.finalizers).to.deep.equal(['karmada.io/execution-controller']);
      expect(event.data.binding).to.deep.equal({ kind: 'ResourceBinding', namespace: 'default', name: 'nginx-deployment', uid: 'nginx-deployment-uid' });
      expect(event.data.cluster).to.equal(member);
      const manifest = manifestOf(event);
      expect(manifest.spec.replicas).to.equal(1);
      expect(manifest.metadata.labels).to.include({ app: 'nginx', 'karmada.io/managed': 'true', 'resourcebinding.karmada.io/permanent-id': 'nginx-rb-id' });
      expect(manifest.metadata.annotations).to.include({
        'work.karmada.io/name': nginxWork,
        'work.karmada.io/namespace': es(member),
        'resourcetemplate.karmada.io/uid': 'nginx-uid',
        'resourcetemplate.karmada.io/generation': '1',
        'resourcebinding.karmada.io/name': 'nginx-deployment',
      });
    }
    expect(await last(workSubject('member3'))).to.equal(undefined);
    const status = await last<BindingStatusAggregatedData>(bindingStatusSubject());
    expect(status?.type).to.equal(BindingStatusAggregated.type);
    expect(status?.data.conditions.find((c) => c['type'] === 'FullyApplied')).to.include({ status: 'False' });
  });

  it('reconciles a binding for its own Work event only when a later reconcile of the binding may not have seen it', async () => {
    const sync = service.app.get(BindingSync);
    const web = bindingOf(deployment('web', 1));
    const owner = { namespace: 'default', name: web.metadata.name ?? '' };
    // The bindings the Work consumer asks to reconcile (the only reconciles caused by a WorkRendered).
    const propagation = service.app.get(PropagationSync);
    const run = propagation.run.bind(propagation);
    const confirmed: string[] = [];
    propagation.run = (requests) => {
      for (const request of requests.bindings) if (request.cause.type === WorkRendered.type) confirmed.push(request.key.name);
      return run(requests);
    };
    await gateway.write(resources.deployments, deployment('web', 1));
    const bindingSeq = await policy.upsert(web);
    try {
      await settled();
      await scheduler.place(web, { member1: 1 }, bindingSeq);
      await settled();
    } finally {
      propagation.run = run;
    }
    const work = await rendered('member1', generateWorkName('Deployment', 'web', 'default'));
    // The reconcile that rendered the Work is still the binding's latest: the Work's event needed no reconcile.
    expect(confirmed).to.deep.equal([]);
    expect(sync.needsConfirmation(owner, work.subject)).to.equal(false);
    // A later reconcile of its Works that found the Work as it should be, as when the placement is decided again.
    await scheduler.place(web, { member1: 1 }, bindingSeq);
    await settled();
    expect((await rendered('member1', generateWorkName('Deployment', 'web', 'default'))).seq).to.equal(work.seq);
    expect(sync.needsConfirmation(owner, work.subject)).to.equal(false);
    // A later reconcile (a member's report, which bears on the status only) may have read a snapshot without the Work.
    await executor.reportDeployment(work, 1, 1);
    await settled();
    expect(sync.needsConfirmation(owner, work.subject)).to.equal(true);
  });

  it('puts a report that came before its Work reached the read model into the binding status', async () => {
    const late = bindingOf(deployment('late', 1));
    const workName = generateWorkName('Deployment', 'late', 'default');
    await gateway.write(resources.deployments, deployment('late', 1));
    const bindingSeq = await policy.upsert(late);
    await settled();
    // Hold the Work consumer's batch with the new Work until executor-svc's report on it has been handled: the
    // report finds no owner, and the reconcile that rendered the Work (still the binding's latest) counted it as not
    // applied yet.
    const runners = service.app.get(ProjectionRunners);
    const apply = runners.apply.bind(runners);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    runners.apply = async (durable, events, throughSeq) => {
      if (durable === bindingDurables.works && events.some((e) => WorkRendered.is(e) && e.data.work.metadata.name === workName)) await released;
      return apply(durable, events, throughSeq);
    };
    try {
      await scheduler.place(late, { member1: 1 }, bindingSeq);
      const work = await waitFor('the Work', async () => (await last<WorkRenderedData>(workSubject('member1', workName))) ?? undefined);
      await executor.reportDeployment(work, 1, 1);
      const jsm = await jetstreamManager(store.connection);
      await waitFor('the report handled', async () => {
        const info = await jsm.consumers.info(subjects.stream, bindingDurables.workStatuses);
        return info.num_pending === 0 && info.num_ack_pending === 0;
      });
      release();
      await settled();
    } finally {
      release();
      runners.apply = apply;
    }
    const status = await last<BindingStatusAggregatedData>(subjects.bindingStatus('default', late.metadata.name ?? ''));
    expect(status?.data.aggregatedStatus.map((item) => [item['clusterName'], item['applied'], item['health']])).to.deep.equal([['member1', true, 'Healthy']]);
    expect(status?.data.conditions.find((c) => c['type'] === 'FullyApplied')).to.include({ status: 'True' });
  });

  it('reconciles a binding for an event of its own inputs only when no completed reconcile of its Works read that event', async () => {
    const sync = service.app.get(BindingSync);
    const reader = service.app.get(ReadModelReader);
    const key = { namespace: 'default', name: 'web-deployment' };
    const placement = (await store.readLast(subjects.placement(key.namespace, key.name)))!;
    expect(placement.type).to.equal(PlacementDecided.type);
    let snapshots = 0;
    const snapshot = reader.snapshot.bind(reader);
    reader.snapshot = (read) => {
      snapshots += 1;
      return snapshot(read);
    };
    try {
      // The reconciles that rendered the Works read the placement as this event left it.
      expect(await sync.sync([{ key, cause: placement, scope: 'works', input: 'placement' }])).to.equal(0);
      expect(snapshots).to.equal(0);
      // The same event asking as the cause of nothing the binding reads: reconciled.
      expect(await sync.sync([{ key, cause: placement, scope: 'works' }])).to.equal(0);
      expect(snapshots).to.equal(1);
      // An event of the placement newer than any reconcile read.
      expect(await sync.sync([{ key, cause: { ...placement, seq: placement.seq + 1_000_000 }, scope: 'works', input: 'placement' }])).to.equal(0);
      expect(snapshots).to.equal(2);
    } finally {
      reader.snapshot = snapshot;
    }
  });

  it('applies an image override for member1 only and leaves member2 alone', async () => {
    const member2Before = await rendered('member2');
    await gateway.write(
      resources.overridePolicies,
      overridePolicy('nginx-image', ['member1'], { imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'registry.example.com' }] }),
    );
    await settled();
    const member1 = await rendered('member1');
    expect(manifestOf(member1).spec.template.spec.containers[0]!.image).to.equal('registry.example.com/nginx:1.19');
    expect(member1.data.work.metadata.annotations?.['policy.karmada.io/applied-overrides']).to.contain('nginx-image');
    expect((await rendered('member2')).seq).to.equal(member2Before.seq);
  });

  it('reports a bad plaintext override on the binding and leaves the previous Work untouched', async () => {
    const member2Before = await rendered('member2');
    const bad = overridePolicy('nginx-bad', ['member2'], { plaintext: [{ path: '/spec/nothing/here', operator: 'remove' }] });
    await gateway.write(resources.overridePolicies, bad);
    await settled();
    expect((await rendered('member2')).seq).to.equal(member2Before.seq);
    const status = await last<BindingStatusAggregatedData>(bindingStatusSubject());
    const condition = status?.data.conditions.find((c) => c['type'] === 'OverridePolicyApplied');
    expect(condition).to.include({ status: 'False', reason: 'ApplyOverridePolicyFailed' });
    expect(String(condition?.['message'])).to.contain('member2: OverridePolicy "default/nginx-bad" rule 0 plaintext[0]');

    await gateway.delete(resources.overridePolicies, bad);
    await settled();
    const fixed = await last<BindingStatusAggregatedData>(bindingStatusSubject());
    expect(fixed?.data.conditions.find((c) => c['type'] === 'OverridePolicyApplied')).to.include({ status: 'True', reason: 'ApplyOverridePolicySucceed' });
    expect((await rendered('member2')).seq).to.equal(member2Before.seq);
  });

  it('aggregates the members’ status: FullyApplied and READY 2/2 on the template', async () => {
    await executor.reportDeployment(await rendered('member1'), 1, 1);
    await executor.reportDeployment(await rendered('member2'), 1, 1);
    await settled();
    const status = await last<BindingStatusAggregatedData>(bindingStatusSubject());
    expect(status?.data.conditions.find((c) => c['type'] === 'FullyApplied')).to.include({ status: 'True', reason: 'FullyAppliedSuccess' });
    expect(status?.data.aggregatedStatus.map((item) => [item['clusterName'], item['applied'], item['health']])).to.deep.equal([
      ['member1', true, 'Healthy'],
      ['member2', true, 'Healthy'],
    ]);
    const template = await last<TemplateStatusAggregatedData>(templateStatusSubject());
    expect(template?.type).to.equal(TemplateStatusAggregated.type);
    expect(template?.data).to.deep.include({ namespace: 'default', name: 'nginx', uid: 'nginx-uid', resource: { group: 'apps', resource: 'deployments' } });
    expect(template?.data.status).to.include({ replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2, observedGeneration: 1 });
  });

  it('appends nothing when the same inputs arrive again', async () => {
    const before = await settled();
    const bindingSeq = await policy.upsert(nginx);
    await gateway.write(resources.deployments, deployment('nginx', 2));
    await scheduler.place(nginx, { member1: 1, member2: 1 }, bindingSeq);
    await executor.reportDeployment(await rendered('member1'), 1, 1);
    await executor.reportDeployment(await rendered('member2'), 1, 1);
    await gateway.write(resources.clusters, cluster('member1', { name: 'member1' }));
    await gateway.write(
      resources.overridePolicies,
      overridePolicy('nginx-image', ['member1'], { imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'registry.example.com' }] }),
    );
    const inputs = 7;
    expect(await settled()).to.equal(before + inputs);
  });

  it('moves the Work when the placement moves member2 → member3', async () => {
    const bindingSeq = (await store.readLast(subjects.binding('default', nginx.metadata.name ?? '')))!.seq;
    await scheduler.place(nginx, { member1: 1, member3: 1 }, bindingSeq);
    await settled();
    expect(manifestOf(await rendered('member3')).spec.replicas).to.equal(1);
    const deleted = await last<WorkDeletionRequestedData>(workSubject('member2'));
    expect(deleted?.type).to.equal(WorkDeletionRequested.type);
    expect(deleted?.data.work.metadata.deletionTimestamp).to.be.a('string');
    expect(deleted?.data.cluster).to.equal('member2');
    const status = await last<BindingStatusAggregatedData>(bindingStatusSubject());
    expect(status?.data.aggregatedStatus.map((item) => item['clusterName'])).to.deep.equal(['member1', 'member3']);
    expect(status?.data.conditions.find((c) => c['type'] === 'FullyApplied')).to.include({ status: 'False' });
  });

  it('updates the Works when the template is scaled to 4 and the placement to 2/2', async () => {
    await gateway.write(resources.deployments, deployment('nginx', 4, 2));
    const bindingSeq = await policy.upsert(bindingOf(deployment('nginx', 4, 2)));
    await scheduler.place(nginx, { member1: 2, member3: 2 }, bindingSeq);
    await settled();
    for (const member of ['member1', 'member3']) {
      const manifest = manifestOf(await rendered(member));
      expect(manifest.spec.replicas, member).to.equal(2);
      expect(manifest.metadata.annotations['resourcetemplate.karmada.io/generation']).to.equal('2');
    }
  });

  it('sends auto-propagated Namespaces to every cluster, including clusters that join later', async () => {
    await gateway.write(resources.namespaces, namespace('team-a'));
    await gateway.write(resources.namespaces, namespace('kube-private'));
    await settled();
    const namespaceWork = generateWorkName('Namespace', 'team-a', undefined);
    for (const member of ['member1', 'member2', 'member3']) {
      const event = await rendered(member, namespaceWork);
      expect(event.data.binding).to.equal(undefined);
      expect(event.data.work.metadata.ownerReferences).to.deep.equal([
        { apiVersion: 'v1', kind: 'Namespace', name: 'team-a', uid: 'team-a-uid', controller: true, blockOwnerDeletion: true },
      ]);
    }
    await gateway.write(resources.clusters, cluster('member4'));
    await settled();
    await rendered('member4', namespaceWork);
    expect(await last(workSubject('member4'))).to.equal(undefined);
    expect(await last(workSubject('member1', generateWorkName('Namespace', 'kube-private', undefined)))).to.equal(undefined);
  });

  it('renders the Work for a cluster the placement names before its Cluster is known, once it is', async () => {
    const bindingSeq = (await store.readLast(subjects.binding('default', nginx.metadata.name ?? '')))!.seq;
    await scheduler.place(nginx, { member1: 2, member3: 1, member5: 1 }, bindingSeq);
    await settled();
    expect(manifestOf(await rendered('member3')).spec.replicas).to.equal(1);
    expect(await last(workSubject('member5'))).to.equal(undefined);
    await gateway.write(resources.clusters, cluster('member5'));
    await settled();
    expect(manifestOf(await rendered('member5')).spec.replicas).to.equal(1);
  });

  it('deletes the Works of a deleting binding, then reports its cleanup once every Work is cleaned up', async () => {
    const member2 = (await last<WorkDeletionRequestedData>(workSubject('member2')))!;
    await policy.upsert(bindingOf(deployment('nginx', 4, 2)), true);
    await settled();
    const deletions: WorkDeletionRequestedData[] = [];
    for (const member of ['member1', 'member3', 'member5']) {
      const event = await last<WorkDeletionRequestedData>(workSubject(member));
      expect(event?.type, member).to.equal(WorkDeletionRequested.type);
      deletions.push(event!.data);
    }
    expect(await last(bindingStatusSubject())).to.have.property('type', BindingStatusAggregated.type);

    await executor.cleanedUp(member2.data as WorkRenderedData);
    for (const deletion of deletions.slice(0, 2)) await executor.cleanedUp(deletion as WorkRenderedData);
    await settled();
    expect(await last(bindingStatusSubject())).to.have.property('type', BindingStatusAggregated.type);

    await executor.cleanedUp(deletions[2] as WorkRenderedData);
    await settled();
    const cleaned = await last<BindingCleanedUpData>(bindingStatusSubject());
    expect(cleaned?.type).to.equal(BindingCleanedUp.type);
    expect(cleaned?.data).to.deep.equal({
      binding: { kind: 'ResourceBinding', namespace: 'default', name: 'nginx-deployment', uid: 'nginx-deployment-uid' },
      template: { resource: { group: 'apps', resource: 'deployments' }, apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'nginx', uid: 'nginx-uid' },
    });
  });

  it('appends nothing when a deleted binding’s inputs arrive again, nor after a restart', async () => {
    const before = await settled();
    await policy.upsert(bindingOf(deployment('nginx', 4, 2)), true);
    await gateway.write(resources.deployments, deployment('nginx', 4, 2));
    await gateway.write(resources.namespaces, namespace('team-a'));
    await gateway.write(resources.clusters, cluster('member4'));
    const inputs = 4;
    expect(await settled()).to.equal(before + inputs);

    await service.stop();
    await start();
    expect(await settled()).to.equal(before + inputs);
  });

  it('rebuilds identical read models from the stream', async () => {
    const live = await readModelRows();
    expect(live[tables.works]).to.have.length.greaterThan(0);
    await service.stop();
    await rebuildService(bindingService, createLogger({ service: 'binding-svc', level: 'silent' }), env);
    expect(await readModelRows()).to.deep.equal(live);
    await start();
  });

  /** Every row of every read model, in a fixed order. */
  async function readModelRows(): Promise<Record<string, unknown[]>> {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      const schema = projectionSchemaName(instance, 'binding-svc');
      const rows: Record<string, unknown[]> = {};
      for (const table of Object.values(tables)) {
        rows[table] = (await client.query(`SELECT row_to_json(t)::text AS row FROM ${schema}.${table} t ORDER BY 1`)).rows.map((r: { row: string }) => r.row);
      }
      return rows;
    } finally {
      await client.end();
    }
  }
});
