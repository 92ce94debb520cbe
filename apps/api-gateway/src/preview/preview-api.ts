import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { previewPolicy, templatesInScope, type AnyPropagationPolicy, type PreviewTemplate, type TemplatePreview } from '@karmada-ts/domain';
import {
  decodeBody,
  formatTimestamp,
  methodNotSupported,
  parseMediaType,
  readBody,
  sendJson,
  unknownPath,
  unsupportedMediaType,
  type JsonObject,
  type RequestContext,
} from '@karmada-ts/kube';
import { KubeApi } from '../kube-api.js';
import { isUnder, pathOf, type Authenticate, type GatewayRoute } from '../server/gateway-route.js';
import { parsePreviewRequest } from './preview-request.js';
import { PreviewSources } from './preview-sources.js';

const previewPath = '/preview';
const bodyTypes = ['application/json', 'application/yaml'];
/** The apiserver's request body limit. */
const maxBodyBytes = 3 * 1024 * 1024;


/** What `POST /preview` answers. */
export interface PropagationPreview {
  readonly kind: 'PropagationPreview';
  readonly items: readonly TemplatePreview[];
}

/**
 * `POST /preview` with `{ policy, templates? }` (JSON or YAML), for every authenticated user whatever the role: which
 * templates the (Cluster)PropagationPolicy would claim and where each would be placed, computed by libs/domain
 * (previewPolicy) over what the API serves now. Nothing is written: the policy and templates go through the API's
 * admission as dry runs.
 */
@Injectable()
export class PreviewApi implements GatewayRoute {
  constructor(
    @Inject(KubeApi) private readonly api: KubeApi,
  ) {}

  serves(url: string): boolean {
    return isUnder(url, previewPath);
  }

  async serve(req: IncomingMessage, res: ServerResponse, authenticate: Authenticate): Promise<void> {
    const context = authenticate(req);
    if (pathOf(req.url ?? '/') !== previewPath) throw unknownPath();
    if (req.method !== 'POST') throw methodNotSupported({ group: '', resource: 'preview' }, req.method ?? '');
    const type = parseMediaType(req.headers['content-type'] ?? 'application/json').type;
    if (!bodyTypes.includes(type)) throw unsupportedMediaType(bodyTypes);
    const request = parsePreviewRequest(decodeBody(await readBody(req, maxBodyBytes), type === 'application/yaml'));
    sendJson(res, 200, await this.preview(request, context));
  }

  private async preview(request: ReturnType<typeof parsePreviewRequest>, context: RequestContext): Promise<PropagationPreview> {
    const { service } = this.api;
    const sources = new PreviewSources(service, context);
    const policy = await sources.admittedPolicy(request.policy);
    const templates = request.templates
      ? await this.submitted(sources, request.templates, policy)
      : templatesInScope(policy, await sources.existingTemplates(policy));
    const className = policy.spec.schedulePriority?.priorityClassName;
    const [policies, clusters, priority] = await Promise.all([
      sources.policies(),
      sources.clusters(),
      className ? sources.priorityClassValue(className) : Promise.resolve(undefined),
    ]);
    const items = previewPolicy({
      policy,
      templates,
      policies,
      clusters,
      now: formatTimestamp(service.now()),
      // Never shown: bindings are named after their templates.
      newPermanentId: randomUUID(),
      // scheduler-svc's default (FAILOVER_ENABLED=true): NoExecute taints evict.
      failover: { enabled: true },
      priorityOf: (name) => (name === className ? priority : undefined),
    });
    return { kind: 'PropagationPreview', items };
  }

  /** The submitted templates one after the other, so that the first bad one is the one reported. */
  private async submitted(sources: PreviewSources, bodies: readonly JsonObject[], policy: AnyPropagationPolicy): Promise<PreviewTemplate[]> {
    const templates: PreviewTemplate[] = [];
    for (const [index, body] of bodies.entries()) templates.push(await sources.submittedTemplate(body, index, policy));
    return templates;
  }
}
