import { expect } from 'chai';
import type { DetectInput } from '@karmada-ts/domain';
import type { DataSource } from 'typeorm';
import { DetectorReadModel } from './detector-read-model.js';

/** A read model whose policies() answers from memory, counting the reads by namespace. */
function countingReadModel(fail: Set<string> = new Set()) {
  const reads: string[] = [];
  const readModel = new DetectorReadModel({} as DataSource);
  readModel.policies = async (namespace) => {
    reads.push(namespace ?? '(cluster)');
    if (fail.has(namespace ?? '')) throw new Error(`policies of ${namespace} unreadable`);
    return { propagationPolicies: [], clusterPropagationPolicies: [], overridePolicies: [], clusterOverridePolicies: [] } satisfies DetectInput;
  };
  return { readModel, reads };
}

describe('DetectorReadModel.policiesOnce', () => {
  it('reads the policies of each namespace once, however many templates ask', async () => {
    const { readModel, reads } = countingReadModel();
    const lookup = readModel.policiesOnce();
    const answers = await Promise.all(['a', 'b', 'a', 'a', 'b'].map((ns) => lookup(ns)));
    expect(reads).to.deep.equal(['a', 'b']);
    expect(answers[0]).to.equal(answers[2]);
  });

  it('treats cluster-scoped templates (no namespace) as one namespace of their own', async () => {
    const { readModel, reads } = countingReadModel();
    const lookup = readModel.policiesOnce();
    await lookup(undefined);
    await lookup(undefined);
    expect(reads).to.deep.equal(['(cluster)']);
  });

  it('gives each lookup (each batch) its own reads', async () => {
    const { readModel, reads } = countingReadModel();
    await readModel.policiesOnce()('a');
    await readModel.policiesOnce()('a');
    expect(reads).to.deep.equal(['a', 'a']);
  });

  it('does not keep a failed read: the next template of that namespace reads again', async () => {
    const failing = new Set(['a']);
    const { readModel, reads } = countingReadModel(failing);
    const lookup = readModel.policiesOnce();
    await lookup('a').then(
      () => expect.fail('the read should fail'),
      (error: Error) => expect(error.message).to.contain('unreadable'),
    );
    failing.clear();
    await lookup('a');
    expect(reads).to.deep.equal(['a', 'a']);
  });
});
