import { expect } from 'chai';
import { parse } from 'yaml';
import { asyncApiYaml } from '@karmada-ts/contracts';
import { waitFor } from '@karmada-ts/testing';
import { openApiProblems } from './openapi-structure.js';
import { apiRequest, startTestGateway, type TestGateway } from './support.js';

describe('api-gateway: API documentation under /docs', function () {
  this.timeout(60_000);
  let gw: TestGateway;

  before(async () => {
    gw = await startTestGateway('gwdocs');
  });
  after(async () => gw?.stop());

  const anonymous = (path: string, method = 'GET') => apiRequest(gw, method, path, { token: null });

  for (const path of ['/docs', '/docs/']) {
    it(`${path}: the Swagger UI page, without a token, whose scripts, styles and icon load`, async () => {
      const page = await anonymous(path);
      expect(page.status).to.equal(200);
      expect(page.headers['content-type']).to.equal('text/html; charset=utf-8');
      const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      expect(assets).to.include.members(['/docs/swagger-ui-bundle.js', '/docs/swagger-ui-standalone-preset.js', '/docs/swagger-initializer.js', '/docs/swagger-ui.css']);
      const expectedType: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', png: 'image/png' };
      for (const asset of assets) {
        const response = await anonymous(asset);
        expect(response.status, asset).to.equal(200);
        expect(response.headers['content-type'], asset).to.equal(expectedType[asset.split('.').pop()!]);
        expect(response.text.length, asset).to.be.greaterThan(0);
      }
    });
  }

  it('starts the UI on the gateway’s own document', async () => {
    const initializer = await anonymous('/docs/swagger-initializer.js');
    expect(initializer.text).to.include('url: "/docs/openapi.json"');
    expect(initializer.text).not.to.include('petstore');
  });

  it('serves the OpenAPI 3 document of the served kinds, without a token', async () => {
    const response = await anonymous('/docs/openapi.json');
    expect(response.status).to.equal(200);
    expect(response.headers['content-type']).to.equal('application/json');
    expect(openApiProblems(response.json)).to.deep.equal([]);
    expect(response.json.paths).to.include.keys(
      '/apis/apps/v1/namespaces/{namespace}/deployments',
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}',
      '/apis/policy.karmada.io/v1alpha1/namespaces/{namespace}/propagationpolicies',
      '/apis/policy.karmada.io/v1alpha1/clusterpropagationpolicies/{name}',
      '/audit',
    );
  });

  it('adds the paths of a CRD’s kind once the CRD is served', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gizmos.docs.example.com' },
      spec: {
        group: 'docs.example.com',
        names: { kind: 'Gizmo', plural: 'gizmos' },
        scope: 'Namespaced',
        versions: [{ name: 'v1beta1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { colour: { type: 'string' } } } } } } }],
      },
    };
    const gizmos = '/apis/docs.example.com/v1beta1/namespaces/{namespace}/gizmos';
    expect((await anonymous('/docs/openapi.json')).json.paths).not.to.have.property(gizmos);
    expect((await apiRequest(gw, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { body: crd })).status).to.equal(201);
    const document = await waitFor('the CRD kind in the document', async () => {
      const json = (await anonymous('/docs/openapi.json')).json;
      return json.paths[gizmos] ? json : undefined;
    });
    expect(Object.keys(document.paths[gizmos])).to.include.members(['get', 'post', 'delete']);
    expect(document.components.schemas['docs.example.com.v1beta1.Gizmo'].properties.spec.properties.colour).to.deep.equal({ type: 'string' });
    expect(openApiProblems(document)).to.deep.equal([]);
  });

  it('serves the AsyncAPI document of the event log as YAML', async () => {
    const response = await anonymous('/docs/asyncapi.yaml');
    expect(response.status).to.equal(200);
    expect(response.headers['content-type']).to.equal('application/yaml; charset=utf-8');
    expect(response.text).to.equal(asyncApiYaml());
    const document = parse(response.text) as { asyncapi: string; channels: Record<string, { address: string }> };
    expect(document.asyncapi).to.equal('3.0.0');
    expect(document.channels['template']!.address).to.equal('{instance}.template.{resource}.{namespace}.{name}');
  });

  it('leaves the API itself behind the token', async () => {
    const response = await anonymous('/api/v1/namespaces/default/configmaps');
    expect(response.status).to.equal(401);
    expect(response.json).to.include({ kind: 'Status', reason: 'Unauthorized' });
  });

  const refused: { name: string; method: string; path: string; code: number; reason: string }[] = [
    { name: 'a write', method: 'POST', path: '/docs/openapi.json', code: 405, reason: 'MethodNotAllowed' },
    { name: 'a file the package does not have', method: 'GET', path: '/docs/nothing.js', code: 404, reason: 'NotFound' },
    { name: 'a path out of the package directory', method: 'GET', path: '/docs/../package.json', code: 404, reason: 'NotFound' },
    { name: 'the package’s own initializer (replaced by ours)', method: 'GET', path: '/docs/index.js', code: 404, reason: 'NotFound' },
  ];
  for (const c of refused) {
    it(`refuses ${c.name} with a ${c.code} Status`, async () => {
      const response = await anonymous(c.path, c.method);
      expect(response.status).to.equal(c.code);
      expect(response.json).to.include({ kind: 'Status', reason: c.reason, code: c.code });
    });
  }
});
