import { expect } from 'chai';
import { crdToDefinitions, type KubeObject, type ResourceDefinition } from '@karmada-ts/kube';
import { openApiProblems } from '../../test/openapi-structure.js';
import { createGatewayRegistry } from '../resources/gateway-registry.js';
import { openApiDocument } from './openapi-document.js';

type Json = Record<string, any>;

const widgetCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', plural: 'widgets' },
    scope: 'Cluster',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } },
      },
    ],
  },
};

/** The document of the gateway's kinds plus a cluster-scoped CRD kind; status is writable for CRD kinds only. */
function documentOf(extra: readonly ResourceDefinition[] = crdToDefinitions(widgetCrd)): Json {
  return openApiDocument({ definitions: [...createGatewayRegistry().all(), ...extra], kubernetesVersion: 'v1.32.5', statusWritable: (def) => def.source === 'crd' });
}

function methodsOf(document: Json, path: string): string[] {
  const item = document['paths'][path] as Json | undefined;
  return item ? ['get', 'put', 'post', 'patch', 'delete'].filter((m) => item[m]) : [];
}

describe('OpenAPI document of the REST surface', () => {
  const document = documentOf();

  it('is structurally valid OpenAPI 3.0', () => {
    expect(openApiProblems(document)).to.deep.equal([]);
  });

  it('notices a broken document (the structural check can fail)', () => {
    const broken = { ...document, paths: { ...document['paths'], '/broken/{name}': { get: { operationId: 'getVersion', responses: { '200': { $ref: '#/components/responses/Nope' } } } } } };
    expect(openApiProblems(broken)).to.have.members([
      'unresolved $ref #/components/responses/Nope',
      'operationId getVersion of get /broken/{name} is also get /version',
      'get /broken/{name} does not declare the path parameter name',
    ]);
  });

  const paths: { name: string; path: string; methods: string[] }[] = [
    { name: 'namespaced collection: list/watch, create, delete collection', path: '/apis/apps/v1/namespaces/{namespace}/deployments', methods: ['get', 'post', 'delete'] },
    { name: 'namespaced kind across namespaces: list/watch', path: '/apis/apps/v1/deployments', methods: ['get'] },
    { name: 'one object: read, replace, patch, delete', path: '/apis/apps/v1/namespaces/{namespace}/deployments/{name}', methods: ['get', 'put', 'patch', 'delete'] },
    { name: 'status the controllers own: read only', path: '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status', methods: ['get'] },
    { name: 'scale subresource', path: '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale', methods: ['get', 'put', 'patch'] },
    { name: 'core group under /api', path: '/api/v1/namespaces/{namespace}/configmaps/{name}', methods: ['get', 'put', 'patch', 'delete'] },
    { name: 'Karmada policy collection', path: '/apis/policy.karmada.io/v1alpha1/namespaces/{namespace}/propagationpolicies', methods: ['get', 'post', 'delete'] },
    { name: 'cluster-scoped Karmada kind', path: '/apis/cluster.karmada.io/v1alpha1/clusters/{name}', methods: ['get', 'put', 'patch', 'delete'] },
    { name: 'Cluster status is cluster-svc’s: read only', path: '/apis/cluster.karmada.io/v1alpha1/clusters/{name}/status', methods: ['get'] },
    { name: 'read-only derived kind: list and watch only', path: '/apis/work.karmada.io/v1alpha2/namespaces/{namespace}/resourcebindings', methods: ['get'] },
    { name: 'read-only derived object: read only', path: '/apis/work.karmada.io/v1alpha1/namespaces/{namespace}/works/{name}', methods: ['get'] },
    { name: 'CRD kind, cluster-scoped', path: '/apis/example.com/v1/widgets', methods: ['get', 'post', 'delete'] },
    { name: 'CRD kind with a writable status', path: '/apis/example.com/v1/widgets/{name}/status', methods: ['get', 'put', 'patch'] },
    { name: 'CRD group discovery', path: '/apis/example.com/v1', methods: ['get'] },
    { name: 'version', path: '/version', methods: ['get'] },
    { name: 'API groups', path: '/apis', methods: ['get'] },
    { name: 'audit trail', path: '/audit', methods: ['get'] },
    { name: 'audit stream', path: '/audit/stream', methods: ['get'] },
  ];
  for (const c of paths) {
    it(`${c.name}: ${c.path} → ${c.methods.join(', ')}`, () => {
      expect(methodsOf(document, c.path)).to.have.members(c.methods);
    });
  }

  it('has no paths a cluster-scoped kind does not serve', () => {
    expect(document['paths']).not.to.have.property('/apis/cluster.karmada.io/v1alpha1/namespaces/{namespace}/clusters');
    expect(document['paths']).not.to.have.property('/apis/example.com/v1/namespaces/{namespace}/widgets');
  });

  const patchTypes: { kind: string; path: string; strategic: boolean }[] = [
    { kind: 'Deployment (built-in)', path: '/apis/apps/v1/namespaces/{namespace}/deployments/{name}', strategic: true },
    { kind: 'PropagationPolicy (custom)', path: '/apis/policy.karmada.io/v1alpha1/namespaces/{namespace}/propagationpolicies/{name}', strategic: false },
    { kind: 'Widget (CRD)', path: '/apis/example.com/v1/widgets/{name}', strategic: false },
  ];
  for (const c of patchTypes) {
    it(`${c.kind}: PATCH accepts ${c.strategic ? 'strategic merge patch too' : 'JSON, merge and apply patches, not strategic merge'}`, () => {
      const types = Object.keys(document['paths'][c.path].patch.requestBody.content);
      expect(types).to.include.members(['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml']);
      expect(types.includes('application/strategic-merge-patch+json')).to.equal(c.strategic);
    });
  }

  it('offers watch on list operations as a streaming response', () => {
    const list = document['paths']['/apis/apps/v1/namespaces/{namespace}/deployments'].get;
    expect(list.parameters.map((p: Json) => p['$ref'])).to.include('#/components/parameters/watch');
    expect(list.responses['200'].content).to.have.property('application/json;stream=watch');
  });

  it('describes a kind by its CRD schema, Karmada’s kinds by their main fields, the others generically', () => {
    const schemas = document['components']['schemas'];
    expect(schemas['example.com.v1.Widget'].properties.spec.properties.size).to.deep.equal({ type: 'integer' });
    expect(schemas['example.com.v1.Widget'].properties.kind.enum).to.deep.equal(['Widget']);
    expect(schemas['policy.karmada.io.v1alpha1.PropagationPolicy'].properties.spec.required).to.deep.equal(['resourceSelectors']);
    expect(schemas['apps.v1.Deployment'].properties.apiVersion.enum).to.deep.equal(['apps/v1']);
    expect(schemas['apps.v1.DeploymentList'].properties.items.items).to.deep.equal({ $ref: '#/components/schemas/apps.v1.Deployment' });
  });

  it('needs a bearer token except for version, health and the documents', () => {
    expect(document['security']).to.deep.equal([{ bearerToken: [] }]);
    expect(document['components'].securitySchemes.bearerToken).to.include({ type: 'http', scheme: 'bearer' });
    const publicPaths = Object.entries(document['paths'] as Record<string, Json>)
      .filter(([, item]) => Array.isArray(item['get']?.security) && item['get'].security.length === 0)
      .map(([path]) => path);
    expect(publicPaths).to.have.members(['/version', '/healthz', '/readyz', '/livez', '/docs/openapi.json', '/docs/asyncapi.yaml']);
  });

  it('follows the served kinds: without the CRD its paths are gone', () => {
    expect(documentOf([])['paths']).not.to.have.property('/apis/example.com/v1/widgets');
  });
});
