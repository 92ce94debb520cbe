import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { PlacementDecided, type Subjects } from '@karmada-ts/contracts';
import { KarmadaLabel } from '@karmada-ts/domain';
import type { EventStore } from '@karmada-ts/eventstore';
import {
  KubeStatusError,
  methodNotSupported,
  notFound,
  sendJson,
  type KubeObject,
} from '@karmada-ts/kube';
import { EVENT_STORE, SUBJECTS } from '@karmada-ts/service-runtime';
import { KubeApi } from '../kube-api.js';
import { isUnder, type Authenticate, type GatewayRoute } from '../server/gateway-route.js';
import { explainPath, parseExplainPath, type ExplainTarget } from './explain-path.js';
import { placementExplanation } from './placement-explanation.js';

const bindings = { group: 'work.karmada.io', version: 'v1alpha2' };

/**
 * `GET /explain/namespaces/{ns}/resourcebindings/{name}` and `GET /explain/clusterresourcebindings/{name}`, for every
 * authenticated user whatever the role: the binding's last scheduling decision cluster by cluster (which filter
 * rejected it and why, score, available and assigned replicas), read from the head of its `placement` subject. The
 * binding itself does not carry it: with a large fleet it would weigh on every list and watch of bindings.
 */
@Injectable()
export class ExplainApi implements GatewayRoute {
  constructor(
    @Inject(KubeApi) private readonly api: KubeApi,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
  ) {}

  serves(url: string): boolean {
    return isUnder(url, explainPath);
  }

  async serve(req: IncomingMessage, res: ServerResponse, authenticate: Authenticate): Promise<void> {
    authenticate(req);
    const target = parseExplainPath(req.url ?? '/');
    if (req.method !== 'GET') throw methodNotSupported({ group: bindings.group, resource: pluralOf(target) }, req.method ?? '');
    sendJson(res, 200, await this.explain(target));
  }

  private async explain(target: ExplainTarget): Promise<ReturnType<typeof placementExplanation>> {
    const plural = pluralOf(target);
    const def = this.api.service.resolve(bindings.group, bindings.version, plural)!;
    const binding = await this.api.service.get(def, target.namespace ?? '', target.name);
    const head = await this.events.readLast(this.subjects.placement(target.namespace, target.name));
    // A decision taken for an earlier binding of the same name does not explain this one.
    if (!head || !PlacementDecided.is(head) || (head.data.binding.uid && head.data.binding.uid !== permanentIdOf(binding, target))) {
      const missing = notFound({ group: bindings.group, resource: plural }, target.name);
      throw new KubeStatusError({ ...missing.status, message: `${plural}.${bindings.group} "${target.name}" has no scheduling decision yet` });
    }
    return placementExplanation(target, head);
  }
}

function pluralOf(target: ExplainTarget): string {
  return target.kind === 'ResourceBinding' ? 'resourcebindings' : 'clusterresourcebindings';
}

/** The id placement events name a binding by: its permanent-id label (the uid the gateway serves). */
function permanentIdOf(binding: KubeObject, target: ExplainTarget): string | undefined {
  const label = target.kind === 'ResourceBinding' ? KarmadaLabel.ResourceBindingPermanentId : KarmadaLabel.ClusterResourceBindingPermanentId;
  return binding.metadata.labels?.[label] ?? binding.metadata.uid;
}
