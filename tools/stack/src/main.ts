import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRuntimeConfig, serviceCatalog, ConfigError } from '@karmada-ts/service-runtime';
import { nodeArgsFor, packageDir } from '../../../scripts/run-tool.mjs';
import { ensureNats } from './nats-server.js';
import { ProcessGroup } from './process-group.js';
import { parseStackOptions, stackUsage, UsageError } from './stack-options.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const say = (line: string) => process.stdout.write(`stack | ${line}\n`);

function fail(message: string): never {
  process.stderr.write(`stack | error: ${message}\n`);
  process.exit(1);
}

function build(): void {
  say('building (incremental TypeScript build)…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) fail('the build failed; fix the errors above or run with --no-build to start from sources');
}

/** Runs a service's one-shot `migrate` command: creates the database when missing and runs its migrations. */
function migrate(service: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, [...nodeArgsFor(packageDir(service)), 'migrate'], { cwd: root, env, encoding: 'utf8' });
  if (result.status !== 0) {
    fail(`${service} could not prepare its database:\n${result.stderr || result.stdout}`);
  }
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseStackOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) fail(`${error.message}\n\n${stackUsage}`);
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${stackUsage}\n`);
    return;
  }
  let config;
  try {
    config = loadRuntimeConfig('api-gateway');
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  mkdirSync(config.stateDir, { recursive: true });
  if (options.build) build();

  const nats = await ensureNats(config.natsUrl, config.stateDir);
  if (nats.kind === 'missing') fail(nats.message);
  say(nats.kind === 'started' ? `started nats-server with JetStream (data in ${config.stateDir}/nats)` : `using NATS at ${config.natsUrl}`);

  const env: NodeJS.ProcessEnv = { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.json') };
  say(`preparing Postgres (${config.databaseUrl.replace(/\/\/[^@]*@/, '//')}) and running migrations…`);
  for (const service of serviceCatalog) migrate(service.name, env);

  const labels = serviceCatalog.flatMap((s) => Array.from({ length: options.replicas }, (_, i) => `${s.name}-${i + 1}`));
  let shuttingDown = false;
  const group = new ProcessGroup(labels, (label, code) => {
    say(`${label} exited with code ${code}; stopping the stack`);
    void shutdown(1);
  });
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say('stopping…');
    await group.stop();
    if (nats.kind === 'started') nats.process.kill('SIGTERM');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  for (const service of serviceCatalog) {
    for (let replica = 0; replica < options.replicas; replica++) {
      group.start({
        label: `${service.name}-${replica + 1}`,
        command: process.execPath,
        args: nodeArgsFor(packageDir(service.name)),
        cwd: root,
        env: { ...env, HTTP_PORT: String(service.port + replica), KARMADA_REPLICA: String(replica + 1) },
      });
    }
  }
  say(`${labels.length} processes started; Ctrl-C stops them`);
}

await main();
