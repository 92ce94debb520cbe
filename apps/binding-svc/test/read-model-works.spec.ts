import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { WorkRendered, type KubeObjectJson, type WorkRenderedData } from '@karmada-ts/contracts';
import { dropDatabase, openProjectionDatabase, ProjectionRunner } from '@karmada-ts/projections';
import { uniqueName } from '@karmada-ts/testing';
import { CreateBindingReadModels1764400000000 } from '../src/migrations/1764400000000-create-binding-read-models.js';
import { WorkStatusState1767300000000 } from '../src/migrations/1767300000000-work-status-state.js';
import { ReadModelReader } from '../src/read-models/read-model.reader.js';
import { worksProjection } from '../src/read-models/works.projection.js';
import { deployment, storedEvent } from './builders.js';

const postgresUrl = 'postgres://postgres@127.0.0.1:5432';
const binding = { kind: 'ResourceBinding' as const, namespace: 'shop', name: 'web-deployment', uid: 'web-binding-uid' };
const key = { namespace: 'karmada-es-member1', name: 'web-6b7f9c5d8' };

const role: KubeObjectJson = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'web-reader' }, rules: [{ verbs: ['get'] }] };

function workRendered(seq: number) {
  const web = { ...deployment('web', 3), metadata: { name: 'web', namespace: 'shop' } };
  const data: WorkRenderedData = {
    work: {
      apiVersion: 'work.karmada.io/v1alpha1',
      kind: 'Work',
      metadata: { ...key, uid: 'work-uid', labels: { 'resourcebinding.karmada.io/permanent-id': 'binding-id' } },
      spec: { workload: { manifests: [web, role] } },
    },
    binding,
    cluster: 'member1',
  };
  return storedEvent(WorkRendered, seq, { subject: `test.work.${key.namespace}.${key.name}`, actor: 'binding-svc', data });
}

describe('binding-svc ReadModelReader: Works', function () {
  this.timeout(30_000);
  const database = uniqueName('rmw');
  let db: DataSource;
  let reader: ReadModelReader;
  const event = workRendered(7);
  const manifestsOf = (row: { last: { data: unknown } }) => (row.last.data as WorkRenderedData).work['spec'] as { workload: { manifests: KubeObjectJson[] } };

  before(async () => {
    db = await openProjectionDatabase({
      url: `${postgresUrl}/${database}`,
      schema: 'binding_svc',
      migrations: [CreateBindingReadModels1764400000000, WorkStatusState1767300000000],
    });
    await new ProjectionRunner(db, { consumer: 'binding-svc-works', projections: [worksProjection] }).applyBatch([event]);
    reader = new ReadModelReader(db);
  });

  after(async () => {
    await db?.destroy();
    await dropDatabase(`${postgresUrl}/${database}`);
  });

  it('reads whole Works for rendering', async () => {
    const [row] = await reader.worksAt([key]);
    expect(row?.last).to.deep.include({ type: 'WorkRendered', seq: 7 });
    expect(row?.last.data).to.deep.equal(event.data);
  });

  it('reads Works for status with each manifest reduced to what names it, in order, and the rest as it was', async () => {
    const cases = [
      { read: 'at its key', rows: await reader.worksAt([key], 'identities') },
      { read: 'by its owner', rows: await reader.worksOwnedBy([{ kind: binding.kind, namespace: binding.namespace, name: binding.name }], 'identities') },
    ];
    for (const c of cases) {
      expect(c.rows, c.read).to.have.length(1);
      const [row] = c.rows;
      expect(manifestsOf(row!).workload.manifests, c.read).to.deep.equal([
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } },
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'web-reader' } },
      ]);
      const { spec: _manifests, ...work } = (row!.last.data as WorkRenderedData).work;
      const { spec: _whole, ...wholeWork } = event.data.work;
      expect(work, c.read).to.deep.equal(wholeWork);
      expect(row!.owner, c.read).to.deep.equal({ kind: binding.kind, namespace: binding.namespace, name: binding.name });
    }
  });

  it('falls back to the whole Work for a row written before the status state existed', async () => {
    await db.query('UPDATE works SET status_state = NULL');
    const [row] = await reader.worksAt([key], 'identities');
    expect(row?.last.data).to.deep.equal(event.data);
  });

  it('reads the owners of Works without the Works', async () => {
    expect(await reader.workOwnersAt([key, { namespace: 'karmada-es-member1', name: 'absent' }])).to.deep.equal([
      { ...key, owner: { kind: binding.kind, namespace: binding.namespace, name: binding.name } },
    ]);
  });
});
