import { expect } from 'chai';
import { apiError, isRetryable, isRetryableStatus, MemberError, noKindMatch, type KubeStatus } from './member-error.js';
import { MemberConfigError } from './member-kubeconfig.js';

describe('isRetryableStatus', () => {
  const cases: { name: string; code: number; status?: KubeStatus; want: boolean }[] = [
    { name: '429 throttling', code: 429, want: true },
    { name: '408 request timeout', code: 408, want: true },
    { name: '500 internal error', code: 500, want: true },
    { name: '503 unavailable', code: 503, want: true },
    { name: '504 gateway timeout', code: 504, want: true },
    { name: '409 conflict (a concurrent write)', code: 409, status: { kind: 'Status', reason: 'Conflict' }, want: true },
    { name: '409 already exists', code: 409, status: { kind: 'Status', reason: 'AlreadyExists' }, want: false },
    { name: '404 of the object', code: 404, status: { kind: 'Status', reason: 'NotFound', details: { name: 'web', group: 'apps', kind: 'deployments' } }, want: false },
    { name: '404 of a namespace that does not exist yet', code: 404, status: { kind: 'Status', reason: 'NotFound', details: { name: 'team-a', kind: 'namespaces' } }, want: true },
    { name: '403 forbidden', code: 403, status: { kind: 'Status', reason: 'Forbidden' }, want: false },
    { name: '403 while the namespace terminates', code: 403, status: { kind: 'Status', reason: 'Forbidden', details: { causes: [{ reason: 'NamespaceTerminating' }] } }, want: true },
    { name: '422 invalid', code: 422, status: { kind: 'Status', reason: 'Invalid' }, want: false },
    { name: '400 bad request', code: 400, want: false },
    { name: '401 unauthorized', code: 401, want: false },
  ];
  for (const c of cases) it(c.name, () => expect(isRetryableStatus(c.code, c.status)).to.equal(c.want));
});

describe('apiError', () => {
  it('keeps the Status message and reason', () => {
    const status = { kind: 'Status', status: 'Failure', message: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1', reason: 'Invalid', code: 422 };
    const error = apiError(422, JSON.stringify(status), 'PATCH /apis/apps/v1/namespaces/default/deployments/web');
    expect(error).to.include({ kind: 'api', code: 422, reason: 'Invalid', retryable: false, message: status.message });
    expect(error.status).to.deep.equal(status);
  });

  it('describes an answer that is not a Status', () => {
    const error = apiError(502, '<html>bad gateway</html>', 'GET /api/v1/pods');
    expect(error.message).to.equal('GET /api/v1/pods: the server responded with 502 Bad Gateway (<html>bad gateway</html>)');
    expect(error).to.include({ retryable: true, reason: undefined, status: undefined });
  });
});

describe('isRetryable', () => {
  const cases: { name: string; error: unknown; want: boolean }[] = [
    { name: 'a retryable member error', error: new MemberError('network', 'ECONNRESET', { retryable: true }), want: true },
    { name: 'a NoKindMatch', error: noKindMatch('example.com/v1', 'Widget'), want: false },
    { name: 'a configuration error', error: new MemberConfigError('no endpoint'), want: false },
    { name: 'anything else', error: new Error('unexpected'), want: true },
  ];
  for (const c of cases) it(c.name, () => expect(isRetryable(c.error)).to.equal(c.want));
});
