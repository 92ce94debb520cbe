import { parseArgs } from 'node:util';

/** The command line of `member-sim` (pure parsing). */
export interface CliArgs {
  config?: string;
  clusters?: number;
  kubeconfigDir?: string;
  host: string;
  port: number;
  maxWatchSeconds?: number;
  help: boolean;
}

export const usage = `Usage: member-sim (--config FILE | --clusters N) [--kubeconfig-dir DIR] [--host 127.0.0.1] [--port 0]
  --config FILE          clusters from a YAML file (see README)
  --clusters N           N identical clusters member1…memberN
  --kubeconfig-dir DIR   write DIR/<cluster>.kubeconfig for every cluster
  --host HOST            listen address (default 127.0.0.1)
  --port N               listen port (default 0: a free port, printed once listening)
  --max-watch-seconds S  close watches after S seconds (default 1800)`;

export class CliError extends Error {}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        clusters: { type: 'string' },
        'kubeconfig-dir': { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' },
        'max-watch-seconds': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port: not a port number: ${values.port}`);
  const out: CliArgs = { host: values.host ?? '127.0.0.1', port, help: values.help === true };
  if (out.help) return out;
  if ((values.config === undefined) === (values.clusters === undefined)) throw new CliError('give exactly one of --config FILE or --clusters N');
  if (values.config !== undefined) out.config = values.config;
  if (values.clusters !== undefined) {
    const n = Number(values.clusters);
    if (!Number.isInteger(n) || n < 0) throw new CliError(`--clusters: not a count: ${values.clusters}`);
    out.clusters = n;
  }
  if (values['kubeconfig-dir'] !== undefined) out.kubeconfigDir = values['kubeconfig-dir'];
  if (values['max-watch-seconds'] !== undefined) {
    const s = Number(values['max-watch-seconds']);
    if (!(s > 0)) throw new CliError('--max-watch-seconds: must be a positive number');
    out.maxWatchSeconds = s;
  }
  return out;
}
