import { Module } from '@nestjs/common';
import { KeyedSerializer } from '@karmada-ts/service-runtime';
import { ReadModelReader } from './read-models/read-model.reader.js';
import { BindingChangedReconciler } from './reconcilers/binding-changed.reconciler.js';
import { BindingStatusChangedReconciler } from './reconcilers/binding-status-changed.reconciler.js';
import { PlacementChangedReconciler } from './reconcilers/placement-changed.reconciler.js';
import { TemplateChangedReconciler } from './reconcilers/template-changed.reconciler.js';
import { TemplateStatusChangedReconciler } from './reconcilers/template-status-changed.reconciler.js';
import { WorkChangedReconciler } from './reconcilers/work-changed.reconciler.js';
import { WorkStatusChangedReconciler } from './reconcilers/work-status-changed.reconciler.js';
import { BindingSync } from './sync/binding-sync.js';
import { HeadAppender } from './sync/head-appender.js';
import { NamespaceSync } from './sync/namespace-sync.js';
import { PropagationSync } from './sync/propagation-sync.js';

const reconcilers = [
  TemplateChangedReconciler,
  BindingChangedReconciler,
  PlacementChangedReconciler,
  WorkChangedReconciler,
  WorkStatusChangedReconciler,
  BindingStatusChangedReconciler,
  TemplateStatusChangedReconciler,
];
const sync = [ReadModelReader, HeadAppender, KeyedSerializer, BindingSync, NamespaceSync, PropagationSync];

/** Renders one Work per target cluster with overrides applied, and aggregates status. */
@Module({ providers: [...reconcilers, ...sync] })
export class BindingModule {}
