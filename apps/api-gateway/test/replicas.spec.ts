import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ResourceCreated } from '@karmada-ts/contracts';
import { EventStore } from '@karmada-ts/eventstore';
import { startService, type RunningService } from '@karmada-ts/service-runtime';
import { waitFor } from '@karmada-ts/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { KubeApiServer } from '../src/server/kube-api-server.js';
import { apiGatewayService } from '../src/service.js';
import { gatewayEvents } from '../src/events.js';
import { apiRequest, cleanupEnvironment, gatewayEnvironment, natsUrl, type GatewayEnvironment } from './support.js';

// Two gateways of one instance, started together on one state directory, as replicas are.
describe('api-gateway replicas', function () {
  this.timeout(60_000);
  let env: GatewayEnvironment;
  let replicas: RunningService[] = [];
  let nc: NatsConnection;
  let events: EventStore;
  const apis: { port: number; caPem: string; adminToken: string }[] = [];

  before(async () => {
    env = gatewayEnvironment('gwreplicas');
    replicas = await Promise.all([startService(apiGatewayService, env.env), startService(apiGatewayService, env.env)]);
    const kubeconfig = parse(readFileSync(join(env.stateDir, 'kubeconfig'), 'utf8')) as {
      clusters: { cluster: { 'certificate-authority-data': string } }[];
      users: { user: { token: string } }[];
    };
    for (const replica of replicas) {
      apis.push({
        port: replica.app.get(KubeApiServer).port,
        caPem: Buffer.from(kubeconfig.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString(),
        adminToken: kubeconfig.users[0]!.user.token,
      });
    }
    nc = await connect({ servers: natsUrl });
    events = await EventStore.open(nc, { stream: env.subjects.stream, registry: gatewayEvents });
  });
  after(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await nc?.drain();
    if (env) await cleanupEnvironment(env);
  });

  it('share one token file and one certificate, and create each system namespace once', async () => {
    for (const api of apis) expect((await apiRequest(api, 'GET', '/api/v1/namespaces/kube-system')).status).to.equal(200);
    const created: string[] = [];
    for await (const event of events.replay(env.subjects.templateFilter({ group: '', resource: 'namespaces' }))) {
      if (ResourceCreated.is(event)) created.push(event.data.object.metadata.name!);
    }
    expect(created.sort()).to.deep.equal(['default', 'karmada-cluster', 'karmada-system', 'kube-public', 'kube-system']);
  });

  it('serve each other’s writes: objects at once, CRD kinds as soon as they are appended', async () => {
    const [a, b] = apis as [(typeof apis)[0], (typeof apis)[0]];
    expect((await apiRequest(a, 'POST', '/api/v1/namespaces/default/configmaps', { body: { metadata: { name: 'shared' }, data: { k: 'v' } } })).status).to.equal(201);
    expect((await apiRequest(b, 'GET', '/api/v1/namespaces/default/configmaps/shared')).json.data).to.deep.equal({ k: 'v' });
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gadgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Gadget', plural: 'gadgets' },
        scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    };
    expect((await apiRequest(a, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { body: crd })).status).to.equal(201);
    await waitFor('the kind served by the other replica', async () => (await apiRequest(b, 'GET', '/apis/example.com/v1/namespaces/default/gadgets')).status === 200);
    expect((await apiRequest(b, 'POST', '/apis/example.com/v1/namespaces/default/gadgets', { body: { metadata: { name: 'g1' }, spec: { size: 1 } } })).status).to.equal(201);
  });
});
