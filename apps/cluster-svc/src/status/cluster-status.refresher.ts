import { Inject, Injectable } from '@nestjs/common';
import {
  ClusterConditionType,
  collectsMemberStatus,
  dampReadyCondition,
  findCondition,
  nextClusterStatus,
  readyConditionFor,
  statusCollectionFailedCondition,
  statusDueAt,
  type ClusterStatusReport,
  type Condition,
} from '@karmada-ts/domain';
import { ClusterStatusCollector, type ClusterStatusFragment } from '@karmada-ts/member-access';
import type { Logger } from '@karmada-ts/operability';
import { SERVICE_LOGGER } from '@karmada-ts/service-runtime';
import { CLUSTER_SVC_CONFIG, type ClusterSvcConfig } from '../config/cluster-svc-config.js';
import type { ClusterMember, MemberConnection } from '../members/cluster-member.js';
import { ClusterStatusPublisher } from './cluster-status.publisher.js';

/**
 * One round of Karmada's cluster-status controller for one member: probe (/readyz, /healthz), damp the Ready
 * condition, collect version, API enablements and summaries when Ready, and publish the report if it changed.
 * Every decision is a libs/domain function; this class only performs the I/O between them.
 */
@Injectable()
export class ClusterStatusRefresher {
  constructor(
    @Inject(CLUSTER_SVC_CONFIG) private readonly config: ClusterSvcConfig,
    @Inject(ClusterStatusCollector) private readonly collector: ClusterStatusCollector,
    @Inject(ClusterStatusPublisher) private readonly publisher: ClusterStatusPublisher,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** Runs one round; returns how long to wait before the next one (sooner when a decision falls due). */
  async refresh(member: ClusterMember): Promise<number> {
    const interval = this.config.statusIntervalMs;
    const connection = member.connection;
    // The credentials could not be read (not a fault of the cluster): the next resync retries, the status stays.
    if (!connection) return interval;
    const observed = await this.observe(member.name, connection);
    if (member.closed) return interval;
    const now = observed.lastTransitionTime;
    const thresholds = { successThresholdMs: this.config.successThresholdMs, failureThresholdMs: this.config.failureThresholdMs };
    const damp = (published: ClusterStatusReport | undefined) =>
      dampReadyCondition(readyOf(published), observed, member.observation, now, thresholds);

    const head = await this.publisher.head(member);
    const damped = damp(head.report);
    const collected = 'client' in connection && collectsMemberStatus(observed, damped) ? await this.collect(member.name) : undefined;
    if (member.closed) return interval;
    const noExecuteGraceMs = this.config.noExecuteGraceMs;
    // The report is a function of the decision's inputs and, at the times statusDueAt names, of the clock: the same
    // inputs as the last decision before then make the report that is already published, so it is not built again.
    const decided = member.decided;
    const unchanged = decided?.inputs === decisionInputs(head.seq, damped.condition, collected) && (decided.until === undefined || now < decided.until);
    // Damped again from whatever head the append meets (another replica may have published meanwhile); the
    // observation window depends on the observations only, not on what is published.
    const published = unchanged
      ? head.report
      : await this.publisher.publish(member, now, (current) => nextClusterStatus(current, damp(current).condition, collected, now, noExecuteGraceMs));
    const due = statusDueAt(readyOf(published), damped.observation, now, thresholds, noExecuteGraceMs);
    if (!unchanged) {
      const after = member.head;
      member.decided = after && after.report === published ? { inputs: decisionInputs(after.seq, damp(published).condition, collected), until: due } : undefined;
    }
    member.observation = damped.observation;
    return due === undefined ? interval : Math.min(interval, Date.parse(due) - Date.now());
  }

  private async observe(name: string, connection: MemberConnection): Promise<Condition> {
    if ('problem' in connection) return statusCollectionFailedCondition(connection.problem, timestamp());
    try {
      return readyConditionFor(await this.collector.probe(name), timestamp());
    } catch (error) {
      // probeHealth throws only when the client itself cannot make requests (its TLS or proxy settings).
      return statusCollectionFailedCondition((error as Error).message, timestamp());
    }
  }

  private async collect(name: string): Promise<ClusterStatusFragment | undefined> {
    try {
      const fragment = await this.collector.collect(name);
      if (fragment.problems.length > 0) this.logger.debug({ cluster: name, problems: fragment.problems }, 'cluster status collected in part');
      return fragment;
    } catch (error) {
      // The member was stopped meanwhile (deleted, or its client rebuilt): nothing was collected.
      this.logger.debug({ cluster: name, err: error }, 'cluster status not collected');
      return undefined;
    }
  }
}

/**
 * What one round's report is made from besides the clock: the head it builds on, the damped Ready condition and the
 * collected fragment (by revision: the collector returns the same fragment while nothing in it changed).
 */
function decisionInputs(headSeq: number, ready: Condition, collected: ClusterStatusFragment | undefined): string {
  return [headSeq, collected?.revision ?? '-', ready.status, ready.reason ?? '', ready.message ?? '', ready.lastTransitionTime].join('\u0000');
}

function readyOf(report: ClusterStatusReport | undefined): Condition | undefined {
  return findCondition(report?.status.conditions, ClusterConditionType.Ready);
}

function timestamp(): string {
  return new Date().toISOString();
}
