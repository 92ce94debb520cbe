import type { EventStore } from '@karmada-ts/eventstore';
import { notReady, ready, type ReadinessCheck } from '@karmada-ts/operability';
import type { DataSource } from 'typeorm';
import type { ProjectionRunner } from './projection-runner.js';

/** Ready while Postgres answers a query. */
export function postgresReadinessCheck(dataSource: DataSource): ReadinessCheck {
  return {
    name: 'postgres',
    check: async () => {
      await dataSource.query('SELECT 1');
      return ready;
    },
  };
}

/**
 * Ready when the runner's checkpoint is within `maxLag` sequences of the last event matching its consumer's
 * filter: the projections have (nearly) caught up with the stream.
 */
export function projectionCaughtUpCheck(
  runner: ProjectionRunner,
  store: EventStore,
  filterSubject: string,
  maxLag: number,
): ReadinessCheck {
  return {
    name: `projections ${runner.options.consumer}`,
    check: async () => {
      const [checkpoint, last] = await Promise.all([runner.checkpoint(), store.lastSequence(filterSubject)]);
      return last - checkpoint <= maxLag ? ready : notReady(`checkpoint ${checkpoint}, stream at ${last}`);
    },
  };
}
