import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { RequestOptions } from 'node:https';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as clientNode from '@kubernetes/client-node';
import { bundleClientNodeConfig, clientNodeConfigBundle, clientNodeDist } from '../../../scripts/bundle-client-node-config.mjs';

const memberAccessDir = fileURLToPath(new URL('..', import.meta.url));
const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** What a member's requests take from a KubeConfig: TLS material, headers, verification and the agent's kind. */
async function httpsOptions(KubeConfig: typeof clientNode.KubeConfig, options: Parameters<clientNode.KubeConfig['loadFromOptions']>[0]) {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions(options);
  const applied: RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(applied);
  const { agent, ...rest } = applied;
  const text = (value: unknown) => (Buffer.isBuffer(value) ? value.toString('utf8') : value);
  return { ...rest, ca: text(rest.ca), cert: text(rest.cert), key: text(rest.key), agent: agent?.constructor.name };
}

const configs: { name: string; cluster: Partial<clientNode.Cluster>; user: Partial<clientNode.User> }[] = [
  { name: 'token and CA bundle', cluster: { server: 'https://10.0.0.1:6443', caData: b64(pem) }, user: { token: 'tok' } },
  { name: 'client certificate and key', cluster: { server: 'https://10.0.0.1:6443', caData: b64(pem) }, user: { certData: b64('CERT'), keyData: b64('KEY') } },
  { name: 'TLS verification off', cluster: { server: 'https://10.0.0.1:6443', skipTLSVerify: true }, user: { token: 'tok' } },
  { name: 'an http proxy', cluster: { server: 'https://10.0.0.1:6443', caData: b64(pem), proxyUrl: 'http://proxy:3128' }, user: { token: 'tok' } },
  { name: 'a socks proxy', cluster: { server: 'https://10.0.0.1:6443', caData: b64(pem), proxyUrl: 'socks5://proxy:1080' }, user: { token: 'tok' } },
];

describe("client-node's KubeConfig, bundled for the built services", () => {
  // Written under the repository's node_modules, where the bundle's imports of client-node's dependencies resolve.
  const outfile = join(memberAccessDir, '..', '..', 'node_modules', '.cache', 'karmada-ts', `client-node-config-${randomUUID()}.mjs`);
  let bundled: typeof clientNode;
  before(async () => {
    await bundleClientNodeConfig(outfile);
    bundled = (await import(pathToFileURL(outfile).href)) as typeof clientNode;
  });
  after(() => rmSync(outfile, { force: true }));

  for (const { name, cluster, user } of configs) {
    it(`applies the same request options as the package with ${name}`, async () => {
      const options = {
        clusters: [{ name: 'm1', skipTLSVerify: false, ...cluster } as clientNode.Cluster],
        users: [{ name: 'm1', ...user }],
        contexts: [{ name: 'm1', cluster: 'm1', user: 'm1' }],
        currentContext: 'm1',
      };
      const fromBundle = await httpsOptions(bundled.KubeConfig, options);
      expect(fromBundle).to.deep.equal(await httpsOptions(clientNode.KubeConfig, options));
      expect(fromBundle.agent, 'an agent is made').to.be.a('string');
    });
  }

  it('leaves out the generated API client: a small fraction of the package it comes from', () => {
    const packageBytes = readdirSync(clientNodeDist, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .reduce((sum, file) => sum + statSync(join(clientNodeDist, file)).size, 0);
    const bundleBytes = statSync(outfile).size;
    expect(bundleBytes, `${bundleBytes} bytes of ${packageBytes}`).to.be.below(packageBytes / 10);
  });

  it('is what a built member-access imports, and the package itself when run from sources', () => {
    const { imports } = JSON.parse(readFileSync(join(memberAccessDir, 'package.json'), 'utf8')) as { imports: Record<string, Record<string, string>> };
    const target = imports['#client-node-config']!;
    expect(join(memberAccessDir, target['default']!)).to.equal(clientNodeConfigBundle);
    expect(relative(memberAccessDir, clientNodeConfigBundle)).to.equal(join('dist', 'client-node-config.js'));
    expect(target['@karmada-ts/source']).to.equal('@kubernetes/client-node');
    expect(target['types']).to.equal('@kubernetes/client-node');
  });
});
