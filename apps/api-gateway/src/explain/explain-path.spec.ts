import { expect } from 'chai';
import { isKubeStatusError } from '@karmada-ts/kube';
import { isUnder } from '../server/gateway-route.js';
import { explainPath, parseExplainPath, type ExplainTarget } from './explain-path.js';

describe('explain paths', () => {
  const cases: { path: string; want: ExplainTarget | 404 }[] = [
    { path: '/explain/namespaces/shop/resourcebindings/web-deployment', want: { kind: 'ResourceBinding', namespace: 'shop', name: 'web-deployment' } },
    { path: '/explain/namespaces/shop/resourcebindings/web-deployment?pretty=true', want: { kind: 'ResourceBinding', namespace: 'shop', name: 'web-deployment' } },
    { path: '/explain/clusterresourcebindings/reader-clusterrole', want: { kind: 'ClusterResourceBinding', name: 'reader-clusterrole' } },
    { path: '/explain/clusterresourcebindings/a%3Ab', want: { kind: 'ClusterResourceBinding', name: 'a:b' } },
    { path: '/explain', want: 404 },
    { path: '/explain/namespaces/shop/resourcebindings', want: 404 },
    { path: '/explain/namespaces/shop/resourcebindings/web/extra', want: 404 },
    { path: '/explain/namespaces//resourcebindings/web', want: 404 },
    { path: '/explain/namespaces/shop/works/web', want: 404 },
    { path: '/explain/clusterresourcebindings/%E0%A4%A', want: 404 },
  ];
  for (const c of cases) {
    it(`${c.path} → ${c.want === 404 ? '404' : JSON.stringify(c.want)}`, () => {
      expect(isUnder(c.path, explainPath)).to.equal(true);
      if (c.want !== 404) {
        expect(parseExplainPath(c.path)).to.deep.equal(c.want);
        return;
      }
      try {
        parseExplainPath(c.path);
        expect.fail('expected a 404');
      } catch (error) {
        expect(isKubeStatusError(error) && error.code).to.equal(404);
      }
    });
  }

  it('leaves other paths to the Kubernetes API', () => {
    for (const path of ['/explainer', '/apis/work.karmada.io/v1alpha2/resourcebindings', '/audit']) expect(isUnder(path, explainPath), path).to.equal(false);
  });
});
