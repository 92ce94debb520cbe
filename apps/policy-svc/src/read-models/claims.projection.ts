import { TemplateClaimed, TemplateClaimReleased, type TemplateClaimedData } from '@karmada-ts/contracts';
import { latestStateProjection } from '@karmada-ts/projections';
import { keyOfResourceSubject, readModelTables, resourceKey } from './read-models.js';

/** policy-svc's own claims, so a policy change finds the templates it holds. */
export const claimsProjection = latestStateProjection({
  name: 'claims',
  table: readModelTables.claims,
  eventTypes: [TemplateClaimed.type, TemplateClaimReleased.type],
  key: (event) => {
    const { resource, namespace, name } = keyOfResourceSubject(event.subject);
    return { kind: resourceKey(resource), namespace: namespace ?? '', name };
  },
  state: (event): TemplateClaimedData | null => (TemplateClaimed.is(event) ? event.data : null),
});
