import { Module, type Provider } from '@nestjs/common';
import { RUNTIME_CONFIG, type RuntimeConfig } from '@karmada-ts/service-runtime';
import { loadPolicyConfig, POLICY_CONFIG } from './config/policy-config.js';
import { DependentsSync } from './detector/dependents-sync.js';
import { EventWriter } from './detector/event-writer.js';
import { TemplateSync } from './detector/template-sync.js';
import { DetectorReadModel } from './read-models/detector-read-model.js';
import { BindingsReconciler } from './reconcilers/bindings.reconciler.js';
import { ClaimsReconciler } from './reconcilers/claims.reconciler.js';
import { CleanupsReconciler } from './reconcilers/cleanups.reconciler.js';
import { TemplatesReconciler } from './reconcilers/templates.reconciler.js';

const configProvider: Provider = {
  provide: POLICY_CONFIG,
  useFactory: (runtime: RuntimeConfig) => loadPolicyConfig(runtime),
  inject: [RUNTIME_CONFIG],
};

const detector = [DetectorReadModel, EventWriter, TemplateSync, DependentsSync];
const reconcilers = [TemplatesReconciler, ClaimsReconciler, BindingsReconciler, CleanupsReconciler];

/** The resource detector: matches templates to propagation policies and produces bindings. */
@Module({ providers: [configProvider, ...detector, ...reconcilers] })
export class PolicyModule {}
