import { expect } from 'chai';
import { CliError } from './cli-error.js';
import { manifestsIn, previewManifests, type Manifest } from './preview-manifests.js';

const policyYaml = `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: web
spec:
  resourceSelectors:
    - apiVersion: apps/v1
      kind: Deployment
`;
const templatesYaml = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
---
apiVersion: v1
kind: List
items:
  - { apiVersion: v1, kind: ConfigMap, metadata: { name: settings, namespace: shop } }
  - { apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: { name: reader } }
`;

function failure(call: () => unknown): CliError {
  try {
    call();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  return expect.fail('expected a CliError');
}

describe('preview manifests', () => {
  const manifests: Manifest[] = [...manifestsIn(policyYaml, 'policy.yaml'), ...manifestsIn(templatesYaml, 'app.yaml')];

  it('reads every document and List item', () => {
    expect(manifests.map(({ source, object }) => `${source}:${String(object['kind'])}`)).to.deep.equal([
      'policy.yaml:PropagationPolicy',
      'app.yaml:Deployment',
      'app.yaml:ConfigMap',
      'app.yaml:ClusterRole',
    ]);
  });

  it('splits the policy from the templates, leaving namespaces to the server without -n', () => {
    const { policy, templates } = previewManifests(manifests);
    expect(policy['kind']).to.equal('PropagationPolicy');
    expect(templates.map((t) => (t['metadata'] as { namespace?: string }).namespace)).to.deep.equal([undefined, 'shop', undefined]);
  });

  it('puts -n on the policy and on templates without a namespace', () => {
    const only = [manifests[0]!, manifests[1]!, manifests[3]!];
    const { policy, templates } = previewManifests(only, 'shop');
    expect((policy['metadata'] as { namespace?: string }).namespace).to.equal('shop');
    expect(templates.map((t) => (t['metadata'] as { namespace?: string }).namespace)).to.deep.equal(['shop', 'shop']);
  });

  const bad: { name: string; call: () => unknown; message: string; exitCode: 1 | 2 }[] = [
    { name: 'no policy', call: () => previewManifests(manifestsIn(templatesYaml, 'app.yaml')), message: 'no PropagationPolicy or ClusterPropagationPolicy among the -f files', exitCode: 2 },
    {
      name: 'two policies',
      call: () => previewManifests([...manifests, ...manifestsIn(policyYaml.replace('name: web', 'name: api'), 'other.yaml')]),
      message: 'preview takes one policy at a time; found PropagationPolicy web (policy.yaml), PropagationPolicy api (other.yaml)',
      exitCode: 2,
    },
    { name: 'a namespace that contradicts -n', call: () => previewManifests(manifests, 'default'), message: 'the namespace of ConfigMap settings in app.yaml (shop) does not match the namespace -n default', exitCode: 1 },
    { name: 'YAML that does not parse', call: () => manifestsIn('kind: [', 'broken.yaml'), message: 'broken.yaml is not valid YAML', exitCode: 1 },
    { name: 'a document that is no object', call: () => manifestsIn('- a\n- b\n', 'list.yaml'), message: 'list.yaml holds a document that is not an object', exitCode: 1 },
  ];
  for (const c of bad) {
    it(`refuses ${c.name}`, () => {
      const error = failure(c.call);
      expect(error.message).to.include(c.message);
      expect(error.exitCode).to.equal(c.exitCode);
    });
  }
});
