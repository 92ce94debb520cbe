import { expect } from 'chai';
import { isKubeStatusError } from '@karmada-ts/kube';
import { parsePreviewRequest } from './preview-request.js';

describe('parsePreviewRequest', () => {
  const policy = { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name: 'web' }, spec: { resourceSelectors: [] } };
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } };

  it('accepts a policy alone, or with templates', () => {
    expect(parsePreviewRequest({ policy })).to.deep.equal({ policy });
    expect(parsePreviewRequest({ policy, templates: [deployment] })).to.deep.equal({ policy, templates: [deployment] });
  });

  const bad: { name: string; body: unknown; causes: { field?: string; message: string }[] }[] = [
    { name: 'not an object', body: ['x'], causes: [{ message: 'the body must be an object: { policy: <PropagationPolicy or ClusterPropagationPolicy>, templates?: [<objects>] }' }] },
    { name: 'no policy', body: {}, causes: [{ field: 'policy', message: 'a PropagationPolicy or ClusterPropagationPolicy object is required' }] },
    {
      name: 'a policy of another kind',
      body: { policy: { ...policy, apiVersion: 'v1', kind: 'ConfigMap' } },
      causes: [
        { field: 'policy.apiVersion', message: 'must be policy.karmada.io/v1alpha1' },
        { field: 'policy.kind', message: 'must be one of PropagationPolicy, ClusterPropagationPolicy' },
      ],
    },
    { name: 'templates that are no list', body: { policy, templates: deployment }, causes: [{ field: 'templates', message: 'must be a list of objects' }] },
    {
      name: 'templates without identity',
      body: { policy, templates: [deployment, 'x', { metadata: {} }] },
      causes: [
        { field: 'templates[1]', message: 'must be an object' },
        { field: 'templates[2].apiVersion', message: 'required' },
        { field: 'templates[2].kind', message: 'required' },
        { field: 'templates[2].metadata.name', message: 'required' },
      ],
    },
    { name: 'an unknown field', body: { policy, dryRun: true }, causes: [{ field: 'dryRun', message: 'unknown field: only policy and templates are accepted' }] },
  ];
  for (const c of bad) {
    it(`rejects ${c.name} with a 400 naming each problem`, () => {
      try {
        parsePreviewRequest(c.body);
        expect.fail('expected a 400');
      } catch (error) {
        if (!isKubeStatusError(error)) throw error;
        expect(error.status).to.include({ code: 400, reason: 'BadRequest' });
        expect(error.status.details?.causes).to.deep.equal(c.causes.map((cause) => ({ reason: 'FieldValueInvalid', ...cause })));
        for (const cause of c.causes) expect(error.status.message).to.include(cause.message);
      }
    });
  }
});
