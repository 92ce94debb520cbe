import { Module } from '@nestjs/common';
import { KeyedSerializer } from '@karmada-ts/service-runtime';
import { ApplyRetries } from './execution/apply-retries.js';
import { ControllerStatusWait } from './execution/controller-status-wait.js';
import { MemberObjectSync } from './execution/member-object-sync.js';
import { MemberWatches } from './execution/member-watches.js';
import { WorkExecutor } from './execution/work-executor.js';
import { WorkSyncMetrics } from './execution/work-sync-metrics.js';
import { WorkStatusLog } from './execution/work-status-log.js';
import { ClusterViews } from './members/cluster-views.js';
import { MemberConnections } from './members/member-connections.js';
import { MemberCredentialsSource } from './members/member-credentials.js';
import { SealedSecretCredentials } from './members/sealed-secret-credentials.js';
import { WorkStore } from './projections/work-store.js';
import { ClusterChangedReconciler } from './reconcilers/cluster-changed.reconciler.js';
import { WorkChangedReconciler } from './reconcilers/work-changed.reconciler.js';
import { SealedSecretValues } from './secrets/sealed-secret-values.js';

const readModels = [WorkStore, ClusterViews];
const members = [SealedSecretValues, { provide: MemberCredentialsSource, useClass: SealedSecretCredentials }, MemberConnections];
const execution = [KeyedSerializer, ApplyRetries, WorkStatusLog, ControllerStatusWait, WorkSyncMetrics, WorkExecutor, MemberObjectSync, MemberWatches];
const reconcilers = [WorkChangedReconciler, ClusterChangedReconciler];

/** Applies Works in member clusters, reflects their status and repairs drift. */
@Module({ providers: [...readModels, ...members, ...execution, ...reconcilers] })
export class ExecutorModule {}
