import { expect } from 'chai';
import { durableName, instanceFromEnv, parseAggregateSubject, Subjects } from './subjects.js';
import { SubjectTokenError } from './subject-token.js';

describe('subjects', () => {
  const subjects = new Subjects('karmada');

  const built: { name: string; subject: string; expected: string }[] = [
    { name: 'stream name', subject: subjects.stream, expected: 'KARMADA_KARMADA' },
    { name: 'stream name keeps dashes', subject: new Subjects('dev-1').stream, expected: 'KARMADA_DEV-1' },
    { name: 'all subjects', subject: subjects.all, expected: 'karmada.>' },
    {
      name: 'namespaced template',
      subject: subjects.template({ group: 'apps', resource: 'deployments' }, 'default', 'web.v1'),
      expected: 'karmada.template.deployments~2eapps.default.web~2ev1',
    },
    {
      name: 'core-group cluster-scoped template',
      subject: subjects.template({ group: '', resource: 'namespaces' }, undefined, 'team-a'),
      expected: 'karmada.template.namespaces._.team-a',
    },
    {
      name: 'template filter for one kind',
      subject: subjects.templateFilter({ group: 'apps', resource: 'deployments' }),
      expected: 'karmada.template.deployments~2eapps.>',
    },
    { name: 'template filter', subject: subjects.templateFilter(), expected: 'karmada.template.>' },
    {
      name: 'generic aggregate',
      subject: subjects.aggregate('cluster', undefined, 'member1'),
      expected: 'karmada.cluster._.member1',
    },
    {
      name: 'dead letters',
      subject: subjects.deadLetter('policy-svc-projector'),
      expected: 'karmada.deadletter.policy-svc-projector',
    },
    { name: 'dead letter filter', subject: subjects.deadLetterFilter(), expected: 'karmada.deadletter.>' },
    {
      name: 'template status',
      subject: subjects.templateStatus({ group: 'apps', resource: 'deployments' }, 'default', 'web'),
      expected: 'karmada.templatestatus.deployments~2eapps.default.web',
    },
    {
      name: 'template status filter for one kind',
      subject: subjects.templateStatusFilter({ group: '', resource: 'services' }),
      expected: 'karmada.templatestatus.services.>',
    },
    { name: 'cluster status', subject: subjects.clusterStatus('member.1'), expected: 'karmada.clusterstatus._.member~2e1' },
    { name: 'cluster status filter', subject: subjects.clusterStatusFilter(), expected: 'karmada.clusterstatus.>' },
    {
      name: 'finalizer release',
      subject: subjects.finalizer('binding-svc', { group: 'apps', resource: 'deployments' }, 'default', 'web'),
      expected: 'karmada.finalizer.binding-svc.deployments~2eapps.default.web',
    },
    { name: 'finalizer filter', subject: subjects.finalizerFilter(), expected: 'karmada.finalizer.>' },
    {
      name: 'claim filter for one kind',
      subject: subjects.claimFilter({ group: 'apps', resource: 'deployments' }),
      expected: 'karmada.claim.deployments~2eapps.>',
    },
  ];
  for (const c of built) {
    it(c.name, () => expect(c.subject).to.equal(c.expected));
  }

  it('parses a template subject back into decoded parts', () => {
    const subject = subjects.template({ group: 'apps', resource: 'deployments' }, 'default', 'web.v1');
    expect(parseAggregateSubject(subject, 1)).to.deep.equal({
      instance: 'karmada',
      aggregate: 'template',
      keys: ['deployments.apps'],
      namespace: 'default',
      name: 'web.v1',
    });
  });

  it('parses a cluster-scoped aggregate subject', () => {
    expect(parseAggregateSubject('karmada.cluster._.m~3a1')).to.deep.include({ namespace: undefined, name: 'm:1' });
  });

  it('rejects a subject with the wrong number of tokens', () => {
    expect(() => parseAggregateSubject('karmada.cluster.member1')).to.throw(SubjectTokenError);
  });

  const instances: { env: Record<string, string | undefined>; expected: string | typeof SubjectTokenError }[] = [
    { env: {}, expected: 'karmada' },
    { env: { KARMADA_INSTANCE: '  ' }, expected: 'karmada' },
    { env: { KARMADA_INSTANCE: 'dev-2' }, expected: 'dev-2' },
    { env: { KARMADA_INSTANCE: 'Dev' }, expected: SubjectTokenError },
    { env: { KARMADA_INSTANCE: 'a.b' }, expected: SubjectTokenError },
  ];
  for (const c of instances) {
    it(`instance from ${JSON.stringify(c.env)}`, () => {
      if (typeof c.expected === 'string') expect(instanceFromEnv(c.env)).to.equal(c.expected);
      else expect(() => instanceFromEnv(c.env)).to.throw(c.expected);
    });
  }

  it('builds durable names <service>-<purpose> and rejects unsafe parts', () => {
    expect(durableName('policy-svc', 'projector')).to.equal('policy-svc-projector');
    expect(() => durableName('policy.svc', 'projector')).to.throw(SubjectTokenError);
    expect(() => durableName('policy-svc', 'x y')).to.throw(SubjectTokenError);
  });
});
