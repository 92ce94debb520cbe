import {
  JetStreamApiCodes,
  JetStreamApiError,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';

/** The event stream's configuration. */
export interface StreamSpec {
  readonly name: string;
  readonly subjects: readonly string[];
  /** 1 on a single server; 3 or 5 on a NATS cluster. Default 1. */
  readonly replicas?: number;
  /** How long message ids are remembered for deduplication. Default 2 minutes. */
  readonly duplicateWindowMs?: number;
  /** Default file: the stream is the source of truth and must survive restarts. */
  readonly storage?: 'file' | 'memory';
  /** Age after which messages are discarded; default 0 = kept forever (required to rebuild projections). */
  readonly maxAgeMs?: number;
}

const streamNameInUse = 10058;

/**
 * Creates the stream or brings an existing one to the spec (idempotent, safe to run from every service at startup).
 * Direct get is always on: aggregates are read with `last_by_subj` from any replica.
 */
export async function provisionStream(jsm: JetStreamManager, spec: StreamSpec): Promise<StreamInfo> {
  const config = {
    name: spec.name,
    subjects: [...spec.subjects],
    num_replicas: spec.replicas ?? 1,
    duplicate_window: nanos(spec.duplicateWindowMs ?? 120_000),
    max_age: nanos(spec.maxAgeMs ?? 0),
    allow_direct: true,
  } satisfies Partial<StreamConfig>;
  try {
    await jsm.streams.info(spec.name);
  } catch (err) {
    if (!isStreamNotFound(err)) throw err;
    try {
      const storage = spec.storage === 'memory' ? StorageType.Memory : StorageType.File;
      return await jsm.streams.add({ ...config, storage });
    } catch (addErr) {
      // Another replica created it between our info and add: fall through to the update.
      if (!(addErr instanceof JetStreamApiError && addErr.code === streamNameInUse)) throw addErr;
    }
  }
  return jsm.streams.update(spec.name, config);
}

function isStreamNotFound(err: unknown): boolean {
  return err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound;
}
