import { parseArgs } from 'node:util';

/** What `npm start -- …` was asked for. */
export interface StackOptions {
  /** Processes per service. */
  readonly replicas: number;
  /** Skip the incremental TypeScript build (the services then run from their sources). */
  readonly build: boolean;
  readonly help: boolean;
  /** Simulated members to run and join: a config file, a count, or 0 for none. */
  readonly members: string;
}

export const stackUsage = `Usage: npm start -- [options]

Starts the whole karmada-ts stack: NATS (when none is reachable and nats-server is installed), the Postgres database
and its migrations, and the six services as separate processes with prefixed logs. Ctrl-C stops everything.

Options:
  --replicas N   processes per service (default 1); replicas share durable consumers, except that
                 cluster-svc's and executor-svc's divide the members between them
  --no-build     do not run the incremental TypeScript build first
  --members M    simulated member clusters to run and join: a config FILE (default config/members.yaml:
                 member1-3), a count N (member1…memberN), or 0 for none
  -h, --help     this text

Environment: NATS_URL, DATABASE_URL, KARMADA_INSTANCE, KARMADA_STATE_DIR, LOG_LEVEL (see README.md).`;

export class UsageError extends Error {}

/** The repository's default members (member1-3 over two regions and providers). */
export const defaultMembersFile = new URL('../../../config/members.yaml', import.meta.url).pathname;

export function parseStackOptions(argv: readonly string[]): StackOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        replicas: { type: 'string', default: '1' },
        build: { type: 'boolean', default: true },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        members: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const replicas = Number(parsed.values.replicas);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 8) {
    throw new UsageError(`--replicas ${parsed.values.replicas} is not valid: expected an integer from 1 to 8`);
  }
  return {
    replicas,
    build: parsed.values.build && !parsed.values['no-build'],
    help: parsed.values.help,
    members: parsed.values.members ?? defaultMembersFile,
  };
}
