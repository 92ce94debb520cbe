import 'reflect-metadata';
import { expect } from 'chai';
import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { createServiceMetrics, notReady, OperabilityModule, ReadinessRegistry, ready } from '@karmada-ts/operability';

describe('OperabilityModule: /healthz, /readyz, /metrics', () => {
  let app: INestApplication;
  let base: string;
  let postgresUp = true;
  const metrics = createServiceMetrics('test-svc', { processMetrics: false });
  const readiness = new ReadinessRegistry(200)
    .add({ name: 'nats', check: () => ready })
    .add({ name: 'postgres', check: () => (postgresUp ? ready : notReady('connection refused')) });

  before(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [OperabilityModule.forRoot({ registry: metrics.registry, readiness })],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  after(() => app.close());

  it('/healthz answers while the process is alive', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ status: 'ok' });
  });

  it('/readyz is 200 when every check passes and 503 with the failing reason otherwise', async () => {
    postgresUp = true;
    const okRes = await fetch(`${base}/readyz`);
    expect(okRes.status).to.equal(200);
    expect(await okRes.json()).to.deep.equal({
      ready: true,
      checks: [
        { name: 'nats', ok: true },
        { name: 'postgres', ok: true },
      ],
    });
    postgresUp = false;
    const failing = await fetch(`${base}/readyz`);
    expect(failing.status).to.equal(503);
    expect(await failing.json()).to.deep.include({
      ready: false,
      checks: [
        { name: 'nats', ok: true },
        { name: 'postgres', ok: false, reason: 'connection refused' },
      ],
    });
  });

  it('a check that throws or hangs counts as not ready', async () => {
    const registry = new ReadinessRegistry(50)
      .add({ name: 'throws', check: () => Promise.reject(new Error('nope')) })
      .add({ name: 'hangs', check: () => new Promise(() => undefined) });
    expect(await registry.evaluate()).to.deep.equal({
      ready: false,
      checks: [
        { name: 'throws', ok: false, reason: 'nope' },
        { name: 'hangs', ok: false, reason: 'no answer within 50 ms' },
      ],
    });
  });

  it('/metrics serves the service registry in Prometheus text format', async () => {
    metrics.backbone.eventAppended('ResourceUpserted');
    metrics.backbone.eventsHandled('test-svc-projector', 'ResourceUpserted', 3);
    let lag = 7;
    const stopReading = metrics.backbone.readConsumerLagFrom('test-svc-projector', async () => lag);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.contain('text/plain');
    const text = await res.text();
    expect(text).to.contain('karmada_events_appended_total{type="ResourceUpserted",service="test-svc"} 1');
    expect(text).to.contain(
      'karmada_events_handled_total{durable="test-svc-projector",type="ResourceUpserted",service="test-svc"} 3',
    );
    expect(text).to.contain('karmada_consumer_lag{durable="test-svc-projector",service="test-svc"} 7');
    lag = 3;
    expect(await (await fetch(`${base}/metrics`)).text()).to.contain('karmada_consumer_lag{durable="test-svc-projector",service="test-svc"} 3');
    stopReading();
    lag = 5;
    expect(await (await fetch(`${base}/metrics`)).text()).to.contain('karmada_consumer_lag{durable="test-svc-projector",service="test-svc"} 3');
  });
});
