import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { dropDatabase } from '@karmada-ts/projections';

/** The URL of database `name` on the Postgres server of `serverUrl` (same host, credentials and options). */
export function databaseUrlAt(serverUrl: string, name: string): string {
  return Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
}

/** Drops a benchmark's scratch database on the server of `serverUrl`. */
export async function dropBenchDatabase(serverUrl: string, database: string): Promise<void> {
  await dropDatabase(databaseUrlAt(serverUrl, database));
}

/** Removes what a benchmark's instance left on the servers: its stream (if any is left) and its database. */
export async function removeBenchInstance(options: { natsUrl: string; databaseUrl: string; stream: string; database: string }): Promise<void> {
  const nc = await connect({ servers: options.natsUrl });
  await (await jetstreamManager(nc)).streams.delete(options.stream).catch(() => undefined);
  await nc.close();
  await dropBenchDatabase(options.databaseUrl, options.database);
}
