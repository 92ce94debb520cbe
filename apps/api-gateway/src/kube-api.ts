import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EventRegistry, Subjects } from '@karmada-ts/contracts';
import type { EventStore } from '@karmada-ts/eventstore';
import { ResourceService } from '@karmada-ts/kube';
import type { Logger } from '@karmada-ts/operability';
import { loadSecretKey, SecretCipher, SecretValueWriter } from '@karmada-ts/secrets';
import {
  EVENT_REGISTRY,
  EVENT_STORE,
  PROJECTION_DATABASE,
  RUNTIME_CONFIG,
  SERVICE_LOGGER,
  SUBJECTS,
  type RuntimeConfig,
} from '@karmada-ts/service-runtime';
import type { DataSource } from 'typeorm';
import { CrdRegistrySync } from './bootstrap/crd-registry-sync.js';
import { ensureSystemNamespaces } from './bootstrap/system-namespaces.js';
import type { GatewayConfig } from './config/gateway-config.js';
import { gatewayDurables } from './durables.js';
import { GATEWAY_CONFIG } from './gateway-config.provider.js';
import { createGatewayRegistry } from './resources/gateway-registry.js';
import { installGatewayHooks } from './resources/install-gateway-hooks.js';
import { EventSourcedResourceStore } from './store/event-sourced-resource-store.js';
import { shapeOf } from './store/object-shape.js';

interface Running {
  readonly service: ResourceService;
  readonly store: EventSourcedResourceStore;
  readonly secrets: SecretValueWriter;
  readonly crds: CrdRegistrySync;
}

/**
 * The Kubernetes API of the control plane: the resource service over the event-sourced store, its Secret values
 * store, the CRD kinds followed from the stream, and the system namespaces. Ready after module init.
 */
@Injectable()
export class KubeApi implements OnModuleInit, OnApplicationShutdown {
  private running: Running | undefined;

  constructor(
    @Inject(RUNTIME_CONFIG) private readonly runtime: RuntimeConfig,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(PROJECTION_DATABASE) private readonly database: DataSource,
    @Inject(EVENT_REGISTRY) private readonly registry: EventRegistry,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  get service(): ResourceService {
    if (!this.running) throw new Error('the Kubernetes API is not initialized');
    return this.running.service;
  }

  get store(): EventSourcedResourceStore {
    if (!this.running) throw new Error('the Kubernetes API is not initialized');
    return this.running.store;
  }

  async onModuleInit(): Promise<void> {
    const key = loadSecretKey({ fromEnv: this.config.secretKey, stateDir: this.config.stateDir, createIfMissing: true });
    const secrets = SecretValueWriter.open({ databaseUrl: this.runtime.databaseUrl, instance: this.runtime.instance, cipher: new SecretCipher(key) });
    try {
      await secrets.ensureSchema();
      const registry = createGatewayRegistry();
      const store = await EventSourcedResourceStore.create({
        subjects: this.subjects,
        events: this.events,
        registry: this.registry,
        database: this.database,
        projectionConsumer: gatewayDurables.objects,
        secrets,
        shapeOf: (resource) => shapeOf(registry.versionsOf(resource.group, resource.resource)[0]),
        logger: this.logger,
        watchHistory: this.config.watchHistory,
      });
      const service = new ResourceService({ registry, store });
      installGatewayHooks(service, { cleanupFinalizers: this.config.cleanupFinalizers });
      const crds = await CrdRegistrySync.start({ registry, events: this.events, store, subjects: this.subjects, logger: this.logger });
      this.running = { service, store, secrets, crds };
      await ensureSystemNamespaces(service);
    } catch (error) {
      this.running?.crds.close();
      await secrets.close();
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    running?.crds.close();
    await running?.secrets.close();
  }
}
