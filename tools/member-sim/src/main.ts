import { resolve } from 'node:path';
import { CliError, parseCliArgs, usage } from './cli-args.js';
import { ConfigError, loadConfigFile } from './config.js';
import { startMemberSim, type MemberSimOptions } from './member-sim.js';

/** `member-sim` CLI: starts the simulator, prints one machine-readable line, stops cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.help) {
    console.log(usage);
    return;
  }
  const clusters = args.config !== undefined ? (await loadConfigFile(args.config)).clusters : args.clusters!;
  const options: MemberSimOptions = { clusters, host: args.host, port: args.port };
  if (args.kubeconfigDir) options.kubeconfigDir = resolve(args.kubeconfigDir);
  if (args.maxWatchSeconds) options.maxWatchSeconds = args.maxWatchSeconds;
  const sim = await startMemberSim(options);
  const count = sim.clusters().length;
  console.log(`member-sim listening on ${sim.url} (${count} clusters)`);
  if (options.kubeconfigDir) console.error(`member-sim: kubeconfigs in ${options.kubeconfigDir}`);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.error(`member-sim: ${signal}, shutting down`);
    sim.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  if (error instanceof CliError || error instanceof ConfigError) {
    console.error(`member-sim: ${error.message}\n${usage}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
