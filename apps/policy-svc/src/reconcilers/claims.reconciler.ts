import { Inject, Injectable } from '@nestjs/common';
import { TemplateClaimed } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { TemplateSync } from '../detector/template-sync.js';

/**
 * After policy-svc's own claims are projected: each newly claimed template is detected once more. A policy deleted
 * while its claim was still on its way into the read model found no template to release; this closes that gap
 * (detecting an unchanged template appends nothing).
 */
@Injectable()
export class ClaimsReconciler implements BatchReconciler {
  constructor(@Inject(TemplateSync) private readonly templates: TemplateSync) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    await this.templates.redetect(events, TemplateClaimed);
  }
}
