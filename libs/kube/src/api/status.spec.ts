import { expect } from 'chai';
import { fieldInvalid, fieldRequired } from '../validation/field-error.js';
import * as status from './status.js';

describe('Status errors', () => {
  const deployments = { group: 'apps', resource: 'deployments' };
  const cases: { name: string; error: status.KubeStatusError; code: number; reason: string; message: string; details?: unknown }[] = [
    { name: 'NotFound', error: status.notFound(deployments, 'foo'), code: 404, reason: 'NotFound', message: 'deployments.apps "foo" not found', details: { name: 'foo', group: 'apps', kind: 'deployments' } },
    { name: 'NotFound core', error: status.notFound({ group: '', resource: 'namespaces' }, 'nope'), code: 404, reason: 'NotFound', message: 'namespaces "nope" not found' },
    { name: 'unknown path', error: status.unknownPath(), code: 404, reason: 'NotFound', message: 'the server could not find the requested resource', details: {} },
    { name: 'AlreadyExists', error: status.alreadyExists(deployments, 'nginx'), code: 409, reason: 'AlreadyExists', message: 'deployments.apps "nginx" already exists' },
    {
      name: 'Conflict',
      error: status.conflict(deployments, 'nginx'),
      code: 409,
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on deployments.apps "nginx": the object has been modified; please apply your changes to the latest version and try again',
    },
    {
      name: 'Invalid (one cause)',
      error: status.invalid({ group: 'policy.karmada.io', kind: 'PropagationPolicy' }, 'bad', [fieldRequired('spec.resourceSelectors')]),
      code: 422,
      reason: 'Invalid',
      message: 'PropagationPolicy.policy.karmada.io "bad" is invalid: spec.resourceSelectors: Required value',
      details: { name: 'bad', group: 'policy.karmada.io', kind: 'PropagationPolicy', causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.resourceSelectors' }] },
    },
    {
      name: 'Invalid (two causes)',
      error: status.invalid({ group: '', kind: 'ConfigMap' }, 'x', [fieldRequired('data'), fieldInvalid('metadata.name', 'X', 'bad name')]),
      code: 422,
      reason: 'Invalid',
      message: 'ConfigMap "x" is invalid: [data: Required value, metadata.name: Invalid value: "X": bad name]',
    },
    { name: 'BadRequest', error: status.badRequest('nope'), code: 400, reason: 'BadRequest', message: 'nope' },
    { name: 'Unauthorized', error: status.unauthorized(), code: 401, reason: 'Unauthorized', message: 'Unauthorized' },
    { name: 'Forbidden', error: status.forbidden({ group: '', resource: 'namespaces' }, 'default', 'this namespace may not be deleted'), code: 403, reason: 'Forbidden', message: 'namespaces "default" is forbidden: this namespace may not be deleted' },
    { name: 'MethodNotAllowed', error: status.methodNotSupported(deployments, 'post'), code: 405, reason: 'MethodNotAllowed', message: 'post is not supported on resources of kind "deployments.apps"' },
    {
      name: 'UnsupportedMediaType',
      error: status.unsupportedMediaType(['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml']),
      code: 415,
      reason: 'UnsupportedMediaType',
      message: 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    },
    { name: 'RequestEntityTooLarge', error: status.requestEntityTooLarge(3145728), code: 413, reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728' },
    { name: 'Expired', error: status.resourceExpired('too old resource version: 1 (104)'), code: 410, reason: 'Expired', message: 'too old resource version: 1 (104)' },
    { name: 'Gone', error: status.gone('gone'), code: 410, reason: 'Gone', message: 'gone' },
    { name: 'InternalError', error: status.internalError('boom'), code: 500, reason: 'InternalError', message: 'Internal error occurred: boom', details: { causes: [{ message: 'boom' }] } },
    {
      name: 'apply conflict',
      error: status.applyConflict('Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas', [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.spec.replicas' }]),
      code: 409,
      reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(c.error).to.be.instanceOf(status.KubeStatusError);
      expect(c.error.status).to.include({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: c.code, reason: c.reason, message: c.message });
      expect(c.error.status.metadata).to.deep.equal({});
      if (c.details !== undefined) expect(c.error.status.details).to.deep.equal(c.details);
    });
  }

  it('the success Status of a delete names the resource (plural)', () => {
    expect(status.successStatus({ name: 'nginx', group: 'apps', kind: 'deployments', uid: 'u' })).to.deep.equal({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'nginx', group: 'apps', kind: 'deployments', uid: 'u' },
      code: 200,
    });
  });

  it('wraps unknown errors as InternalError', () => {
    expect(status.toStatusError(new Error('x')).code).to.equal(500);
  });
});
