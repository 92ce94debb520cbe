import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@karmada-ts/operability';
import { SERVICE_LOGGER } from '@karmada-ts/service-runtime';
import { BindingSync } from './binding-sync.js';
import { NamespaceSync } from './namespace-sync.js';
import type { SyncRequests } from './sync-requests.js';

/**
 * Bindings (or Namespaces) reconciled together: one set of read-model queries and one pipelined append each. A chunk
 * holds the last event of each of its bindings' Work subjects, each with its rendered Work, while it is decided: 500
 * bindings of ten Works held about 30 MiB; 200 hold two fifths of that, for the same CPU (docs/performance.md).
 */
const chunkSize = 200;

/** Runs what a batch asks for: its bindings, then its Namespaces, a chunk at a time. */
@Injectable()
export class PropagationSync {
  constructor(
    @Inject(BindingSync) private readonly bindings: BindingSync,
    @Inject(NamespaceSync) private readonly namespaces: NamespaceSync,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async run(requests: SyncRequests): Promise<void> {
    let appended = 0;
    const started = Date.now();
    const bindings = requests.bindings;
    for (let i = 0; i < bindings.length; i += chunkSize) appended += await this.bindings.sync(bindings.slice(i, i + chunkSize));
    const namespaces = requests.namespaces;
    for (let i = 0; i < namespaces.length; i += chunkSize) appended += await this.namespaces.sync(namespaces.slice(i, i + chunkSize));
    this.logger.debug({ bindings: bindings.length, namespaces: namespaces.length, appended, ms: Date.now() - started }, 'reconciled');
  }
}
