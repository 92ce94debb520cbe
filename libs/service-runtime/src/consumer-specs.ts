import type { ConsumerSpec } from '@karmada-ts/eventstore';
import type { RuntimeConfig } from './runtime-config.js';
import type { ProjectionConsumer } from './service-definition.js';

/** The lingers the runtime gives consumers whose spec does not set one. */
export type ConsumerLingers = Pick<RuntimeConfig, 'consumerLingerMs' | 'statusLingerMs'>;

/**
 * A service's durable consumers as the transport runs them: the plain ones and the projection consumers, each
 * lingering as its spec says, else as the runtime configures consumers of its kind.
 */
export function consumerSpecsOf(
  plain: readonly ConsumerSpec[],
  projections: readonly ProjectionConsumer[],
  lingers: ConsumerLingers,
): ConsumerSpec[] {
  return [
    ...plain.map((consumer) => ({ lingerMs: lingers.consumerLingerMs, ...consumer })),
    ...projections.map(({ consumer, readsStatuses }) => ({
      lingerMs: readsStatuses === true ? lingers.statusLingerMs : lingers.consumerLingerMs,
      ...consumer,
    })),
  ];
}
