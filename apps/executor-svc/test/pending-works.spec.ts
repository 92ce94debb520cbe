import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { dropDatabase, openProjectionDatabase } from '@karmada-ts/projections';
import { uniqueName } from '@karmada-ts/testing';
import { WorkStore } from '../src/projections/work-store.js';
import { workReportsTable, type WorkReportState } from '../src/projections/work-reports.projection.js';
import { worksTable } from '../src/projections/works.projection.js';
import { executorService } from '../src/service.js';

const postgresUrl = 'postgres://postgres@127.0.0.1:5432';

interface PendingCase {
  readonly name: string;
  readonly cluster?: string;
  readonly seq: number;
  readonly deleting: boolean;
  /** The executor's last report: its state and the sequence it was written at. */
  readonly report?: { readonly state: WorkReportState; readonly seq: number };
  readonly pending: boolean;
}

// WorkStore.pendingOf decides which Works of a cluster a resync reconciles again, straight from the read model rows.
describe('executor-svc WorkStore.pendingOf (the Works a cluster resync reconciles)', function () {
  this.timeout(30_000);
  const database = uniqueName('pending');
  let db: DataSource;
  const upToSeq = 1_000;

  const cases: PendingCase[] = [
    { name: 'never-reported', seq: 10, deleting: false, pending: true },
    { name: 'reported-current', seq: 11, deleting: false, report: { state: { observedWorkSeq: 11 }, seq: 12 }, pending: false },
    { name: 'reported-older-version', seq: 20, deleting: false, report: { state: { observedWorkSeq: 13 }, seq: 14 }, pending: true },
    { name: 'rendered-again-after-clean-up', seq: 30, deleting: false, report: { state: { cleanedUp: true }, seq: 25 }, pending: true },
    { name: 'deleting-not-cleaned-up', seq: 40, deleting: true, report: { state: { observedWorkSeq: 35 }, seq: 36 }, pending: true },
    { name: 'deleting-never-reported', seq: 41, deleting: true, pending: true },
    { name: 'deleting-cleaned-up', seq: 42, deleting: true, report: { state: { cleanedUp: true }, seq: 43 }, pending: false },
    { name: 'deleting-after-an-older-clean-up', seq: 50, deleting: true, report: { state: { cleanedUp: true }, seq: 45 }, pending: true },
    { name: 'another-cluster', cluster: 'member2', seq: 60, deleting: false, pending: false },
    { name: 'newer-than-the-resync-looks', seq: upToSeq + 1, deleting: false, pending: false },
  ];

  before(async () => {
    db = await openProjectionDatabase({ url: `${postgresUrl}/${database}`, schema: 'executor_svc', migrations: executorService.migrations ?? [] });
    for (const c of cases) {
      const cluster = c.cluster ?? 'member1';
      const namespace = `karmada-es-${cluster}`;
      const state = {
        work: { apiVersion: 'work.karmada.io/v1alpha1', kind: 'Work', metadata: { namespace, name: c.name }, spec: { workload: { manifests: [] } } },
        cluster,
        deleting: c.deleting,
        cause: { id: `cause-${c.name}`, correlationId: 'test', time: '2026-01-01T00:00:00.000Z' },
      };
      await db.query(`INSERT INTO ${worksTable} (kind, namespace, name, state, seq) VALUES ('work', $1, $2, $3, $4)`, [namespace, c.name, JSON.stringify(state), c.seq]);
      if (c.report) {
        await db.query(`INSERT INTO ${workReportsTable} (kind, namespace, name, state, seq) VALUES ('workstatus', $1, $2, $3, $4)`, [
          namespace,
          c.name,
          JSON.stringify(c.report.state),
          c.report.seq,
        ]);
      }
    }
  });

  after(async () => {
    await db?.destroy();
    await dropDatabase(`${postgresUrl}/${database}`);
  });

  it('returns the Works of the cluster that are never reported, reported for an older version, or deleting and not cleaned up after', async () => {
    const pending = await new WorkStore(db).pendingOf('member1', upToSeq);
    expect(pending.map((key) => key.name)).to.deep.equal(cases.filter((c) => c.pending).map((c) => c.name).sort());
    expect(new Set(pending.map((key) => key.namespace))).to.deep.equal(new Set(['karmada-es-member1']));
  });
});
