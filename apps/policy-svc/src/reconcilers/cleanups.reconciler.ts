import { Inject, Injectable } from '@nestjs/common';
import { BindingCleanedUp } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { TemplateSync } from '../detector/template-sync.js';

/** After binding-svc finished cleaning up a deleting binding: its template may now let go of its cleanup finalizer. */
@Injectable()
export class CleanupsReconciler implements BatchReconciler {
  constructor(@Inject(TemplateSync) private readonly templates: TemplateSync) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    await this.templates.redetect(events, BindingCleanedUp);
  }
}
