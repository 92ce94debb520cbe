import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Subjects } from '@karmada-ts/contracts';

// Questions tests ask the instance's stream while the system runs.

/**
 * Whether every durable consumer of the instance has nothing left to deliver and nothing awaiting an ack. Ephemeral
 * consumers are left out: a killed process cannot delete its own, and they linger until the server expires them.
 */
export async function consumersIdle(instance: string, natsUrl: string): Promise<boolean> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    for await (const consumer of jsm.consumers.list(new Subjects(instance).stream)) {
      if (consumer.config.durable_name && (consumer.num_pending > 0 || consumer.num_ack_pending > 0)) return false;
    }
    return true;
  } finally {
    await nc.close();
  }
}

/** How many events the instance's stream holds on the subjects matching `filter` (e.g. `subjects.aggregateFilter('work')`). */
export async function eventCount(instance: string, natsUrl: string, filter: string): Promise<number> {
  const nc = await connect({ servers: natsUrl });
  try {
    const info = await (await jetstreamManager(nc)).streams.info(new Subjects(instance).stream, { subjects_filter: filter });
    return Object.values(info.state.subjects ?? {}).reduce((sum, count) => sum + count, 0);
  } finally {
    await nc.close();
  }
}

/** The stream's last sequence: what a run's events come after. */
export async function lastSequence(instance: string, natsUrl: string): Promise<number> {
  const nc = await connect({ servers: natsUrl });
  try {
    return (await (await jetstreamManager(nc)).streams.info(new Subjects(instance).stream)).state.last_seq;
  } finally {
    await nc.close();
  }
}
