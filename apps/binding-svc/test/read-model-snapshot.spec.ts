import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { newEnvelope, PlacementDecided, type PlacementDecidedData } from '@karmada-ts/contracts';
import { dropDatabase, openProjectionDatabase, ProjectionRunner } from '@karmada-ts/projections';
import { uniqueName } from '@karmada-ts/testing';
import { CreateBindingReadModels1764400000000 } from '../src/migrations/1764400000000-create-binding-read-models.js';
import { placementsProjection } from '../src/read-models/placements.projection.js';
import { ReadModelReader } from '../src/read-models/read-model.reader.js';

const postgresUrl = 'postgres://postgres@127.0.0.1:5432';
const binding = { namespace: 'default', name: 'nginx-deployment' };

function placementDecided(seq: number, clusters: string[]) {
  const data: PlacementDecidedData = {
    binding: { kind: 'ResourceBinding', ...binding, uid: 'nginx-binding-uid' },
    observedBindingSeq: 1,
    clusters: clusters.map((name) => ({ name, replicas: 1 })),
    gracefulEvictionTasks: [],
    scheduledCondition: { type: 'Scheduled', status: 'True' },
    explanation: [],
  };
  const envelope = newEnvelope(PlacementDecided, {
    id: `placement-${seq}`,
    correlationId: 'test',
    causationId: 'test',
    subject: `test.placement.default.${binding.name}`,
    time: '2026-01-01T00:00:00.000Z',
    actor: 'system:scheduler-svc',
    data,
  });
  return { ...envelope, seq };
}

// A reconcile reads several read models; what another consumer commits between two of those reads must not make them
// disagree (a placement read before a new one was committed, the Works rendered from it read after, looked orphaned).
describe('binding-svc ReadModelReader.snapshot', function () {
  this.timeout(30_000);
  const database = uniqueName('rms');
  let db: DataSource;
  let runner: ProjectionRunner;

  before(async () => {
    db = await openProjectionDatabase({ url: `${postgresUrl}/${database}`, schema: 'binding_svc', migrations: [CreateBindingReadModels1764400000000] });
    runner = new ProjectionRunner(db, { consumer: 'binding-svc-placements', projections: [placementsProjection] });
  });

  after(async () => {
    await db?.destroy();
    await dropDatabase(`${postgresUrl}/${database}`);
  });

  it('reads every table as of its first read, whatever is committed meanwhile', async () => {
    const reader = new ReadModelReader(db);
    const seen = await reader.snapshot(async (snapshot) => {
      const first = await snapshot.placements([binding]);
      await runner.applyBatch([placementDecided(10, ['member1', 'member2'])]);
      const second = await snapshot.placements([binding]);
      return { first: first.size, second: second.size };
    });
    expect(seen).to.deep.equal({ first: 0, second: 0 });
    const after = await reader.placements([binding]);
    expect([...after.values()].map((p) => p.clusters.map((c) => c.name))).to.deep.equal([['member1', 'member2']]);
  });

});
