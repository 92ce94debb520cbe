// Builds the part of @kubernetes/client-node that the services load: its KubeConfig (credentials, TLS and proxy of a
// member) with what it needs, tree-shaken into one file. The package's entry, and its config module through the
// generated client it imports, load all of its 967 modules: about 50 MiB of RSS, 20 MiB of live heap and 350 ms of
// start-up in each service that reaches members (executor-svc, cluster-svc), for an API client they do not use
// (member-access speaks plain JSON over HTTP, see member-client.ts). The file is client-node's own code; its
// dependencies stay imports of their packages. @karmada-ts/member-access imports it as #client-node-config (its
// package.json); run from sources (mocha, npm start before a build) that name is the package itself.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const memberAccessDir = fileURLToPath(new URL('../libs/member-access/', import.meta.url));

/** Where `npm run build` writes the bundle: what #client-node-config names in a built member-access. */
export const clientNodeConfigBundle = join(memberAccessDir, 'dist', 'client-node-config.js');

/** client-node's built JavaScript, as member-access resolves the package. */
export const clientNodeDist = join(dirname(createRequire(join(memberAccessDir, 'package.json')).resolve('@kubernetes/client-node/package.json')), 'dist');

/** Writes the bundle to `outfile` (a place whose node_modules hold client-node's dependencies). */
export async function bundleClientNodeConfig(outfile = clientNodeConfigBundle) {
  await build({
    entryPoints: [join(clientNodeDist, 'config.js')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundleClientNodeConfig();
}
