import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { serviceCatalog } from '@karmada-ts/service-runtime';
import { startServiceProcess, uniqueName, waitFor, type ServiceProcess } from '@karmada-ts/testing';

// Every service boots as its own process against the real NATS and Postgres, reports ready, and stops cleanly.
describe('the six services', function () {
  this.timeout(120_000);
  const instance = uniqueName('boot').replace(/_/g, '-');
  const database = `karmada_${instance.replace(/-/g, '_')}`;
  const stateDir = mkdtempSync(join(tmpdir(), 'karmada-boot-'));
  const env = {
    KARMADA_INSTANCE: instance,
    KARMADA_STATE_DIR: stateDir,
    GATEWAY_PORT: '0',
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
    NATS_URL: 'nats://127.0.0.1:4222',
  };
  let services: ServiceProcess[] = [];

  after(async () => {
    await Promise.all(services.map((s) => s.kill()));
    const nc = await connect({ servers: env.NATS_URL });
    await (await jetstreamManager(nc)).streams.delete(`KARMADA_${instance.toUpperCase()}`).catch(() => undefined);
    await nc.close();
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${database}`);
    await client.end();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('boot, report ready on their own ports, and shut down cleanly', async () => {
    services = await Promise.all(serviceCatalog.map((s) => startServiceProcess(s.name, env)));
    for (const service of services) {
      const readiness = await waitFor(`${service.name} ready`, async () => {
        const response = await fetch(`http://127.0.0.1:${service.port}/readyz`);
        return response.ok ? ((await response.json()) as { ready: boolean; checks: { name: string }[] }) : undefined;
      });
      expect(readiness.ready, service.name).to.equal(true);
      expect(readiness.checks.map((c) => c.name)).to.include.members(['event store', 'postgres']);
      expect((await fetch(`http://127.0.0.1:${service.port}/healthz`)).status).to.equal(200);
      const metrics = await (await fetch(`http://127.0.0.1:${service.port}/metrics`)).text();
      expect(metrics).to.contain(`service="${service.name}"`);
    }
    const codes = await Promise.all(services.map((s) => s.stop()));
    expect(codes).to.deep.equal(services.map(() => 0));
    for (const service of services) {
      expect(service.lines.some((l) => l.includes(`"${service.name} stopped"`)), `${service.name} logged its stop`).to.equal(true);
    }
  });

  it('each one owns a schema with its migrations in the instance database, beside the secrets store', async () => {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ schema_name: string }>(
        'SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE $1 ORDER BY 1',
        [`${instance.replace(/-/g, '_')}%`],
      );
      const schemas = rows.map((r) => r.schema_name);
      const prefix = instance.replace(/-/g, '_');
      expect(schemas).to.have.members([...serviceCatalog.map((s) => `${prefix}_${s.name.replace(/-/g, '_')}`), `${prefix}_secrets`]);
    } finally {
      await client.end();
    }
  });
});
