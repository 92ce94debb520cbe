import { apiVersionOf, type ResourceDefinition } from '../discovery/resource-definition.js';
import { applyJsonPatch, JsonPatchError, type JsonPatchOperation } from '../patch/json-patch.js';
import { applyMergePatch } from '../patch/merge-patch.js';
import { ApplyConflictError, conflictCauses, serverSideApply } from '../patch/server-side-apply.js';
import { applyStrategicMergePatch } from '../patch/strategic-merge-patch.js';
import { assertNever } from '../util/assert-never.js';
import { withLastAppliedSynced } from './last-applied.js';
import type { KubeObject } from './object.js';
import { decodeObject } from './object-preparation.js';
import type { PatchType, RequestOptions, Subresource } from './request-options.js';
import { applyConflict, badRequest, patchRejected } from './status.js';

export interface PatchDocumentRequest {
  def: ResourceDefinition;
  /** The live object (or its Scale view) as the requested version shows it. */
  current: KubeObject;
  type: PatchType;
  patch: unknown;
  /** The decoded operations of a JSON patch. */
  operations: readonly JsonPatchOperation[] | undefined;
  options: RequestOptions & { subresource?: Subresource; force?: boolean };
  /** The managedFields timestamp of a server-side apply. */
  time: string;
  servedVersions: readonly string[];
}

/** Applies one patch of any kind to the live object; errors are Status errors (422 JSON patch, 409 apply conflicts). */
export function patchDocument(request: PatchDocumentRequest): unknown {
  const { def, current, type, patch, operations, options } = request;
  switch (type) {
    case 'merge':
      return applyMergePatch(current, patch);
    case 'strategic':
      return applyStrategicMergePatch(current, patch, def.strategicMerge!);
    case 'json':
      try {
        return applyJsonPatch(current, operations!);
      } catch (error) {
        if (error instanceof JsonPatchError) throw patchRejected(error.message);
        throw error;
      }
    case 'apply': {
      const config = decodeObject(def, patch, current.metadata.namespace ?? '', request.servedVersions);
      if (config.metadata.name !== undefined && config.metadata.name !== current.metadata.name)
        throw badRequest(`the name of the object (${config.metadata.name}) does not match the name on the URL (${current.metadata.name ?? ''})`);
      try {
        const applied = serverSideApply({
          live: current,
          config,
          manager: options.fieldManager!,
          force: options.force === true,
          listTypes: def.listTypes,
          scope: options.subresource === 'status' ? 'status' : 'main',
          apiVersion: apiVersionOf(def),
          time: request.time,
        });
        return options.fieldManager === 'kubectl' ? withLastAppliedSynced(applied, config) : applied;
      } catch (error) {
        if (error instanceof ApplyConflictError) throw applyConflict(error.message, conflictCauses(error.conflicts));
        throw error;
      }
    }
    default:
      return assertNever(type, 'patch type');
  }
}
