import { expect } from 'chai';
import { parse } from 'yaml';
import { CliError, parseCliArgs } from './cli-args.js';
import { ConfigError, quickConfig, validateConfig } from './config.js';
import { injectedError, noFaults, parseFaults, FaultsError } from './faults.js';

describe('member-sim configuration', () => {
  it('accepts the issue example', () => {
    const config = validateConfig(
      parse(`
clusters:
  - name: member1
    kubernetesVersion: v1.31.2
    podReadySeconds: 1
    nodes:
      - count: 3
        allocatable: { cpu: "8", memory: 32Gi, pods: "110" }
        labels: { topology.kubernetes.io/zone: eu-west-1a }
`),
    );
    expect(config).to.deep.equal({
      clusters: [{ name: 'member1', kubernetesVersion: 'v1.31.2', podReadySeconds: 1, nodes: [{ count: 3, allocatable: { cpu: '8', memory: '32Gi', pods: '110' }, labels: { 'topology.kubernetes.io/zone': 'eu-west-1a' } }] }],
    });
  });

  const invalid: [string, unknown, RegExp][] = [
    ['no clusters list', {}, /clusters list/],
    ['bad name', { clusters: [{ name: 'Member_1' }] }, /DNS-1123 label/],
    ['duplicate', { clusters: [{ name: 'a' }, { name: 'a' }] }, /duplicate name a/],
    ['bad version', { clusters: [{ name: 'a', kubernetesVersion: '1.31' }] }, /v1\.31\.2/],
    ['bad quantity', { clusters: [{ name: 'a', nodes: [{ count: 1, allocatable: { cpu: 'lots' } }] }] }, /allocatable\.cpu/],
    ['negative count', { clusters: [{ name: 'a', nodes: [{ count: -1, allocatable: {} }] }] }, /count/],
  ];
  for (const [name, value, message] of invalid) it(`rejects ${name}`, () => expect(() => validateConfig(value)).to.throw(ConfigError, message));

  it('the quick form names clusters member1…memberN', () => {
    expect(quickConfig(3).clusters.map((c) => c.name)).to.deep.equal(['member1', 'member2', 'member3']);
  });

  it('parses the command line', () => {
    expect(parseCliArgs(['--clusters', '2', '--port', '0'])).to.deep.equal({ clusters: 2, host: '127.0.0.1', port: 0, help: false });
    expect(parseCliArgs(['--config', 'c.yaml', '--kubeconfig-dir', 'out', '--host', '0.0.0.0', '--port', '8443'])).to.deep.equal({
      config: 'c.yaml',
      kubeconfigDir: 'out',
      host: '0.0.0.0',
      port: 8443,
      help: false,
    });
    expect(() => parseCliArgs([])).to.throw(CliError, /exactly one/);
    expect(() => parseCliArgs(['--clusters', '2', '--config', 'x'])).to.throw(CliError, /exactly one/);
    expect(() => parseCliArgs(['--clusters', 'x'])).to.throw(CliError, /not a count/);
    expect(() => parseCliArgs(['--clusters', '1', '--bogus'])).to.throw(CliError);
  });

  it('parses faults and rolls the dice', () => {
    const faults = parseFaults({ errorRate: 0.5, errorCode: 429 }, noFaults);
    expect(faults).to.deep.equal({ latencyMs: 0, errorRate: 0.5, errorCode: 429 });
    expect(injectedError(faults, 0.4)?.code).to.equal(429);
    expect(injectedError(faults, 0.6)).to.equal(undefined);
    expect(() => parseFaults({ errorCode: 404 }, noFaults)).to.throw(FaultsError);
  });
});
