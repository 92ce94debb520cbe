// Kubernetes API machinery: Status errors, selectors, patches, server-side apply, quantities, names, discovery,
// tables, a storage port with an in-memory store, the resource service (API semantics) and a node:http handler.
export * from './api/status.js';
export * from './api/object.js';
export * from './api/request-options.js';
export * from './api/hooks.js';
export * from './api/generation.js';
export * from './api/object-preparation.js';
export * from './api/scale.js';
export * from './api/resource-service.js';
export * from './api/list-pages.js';
export * from './api/builtin-hooks.js';
export * from './api/crd-hooks.js';

export * from './validation/field-error.js';
export * from './validation/names.js';
export * from './validation/object-meta.js';
export * from './validation/workload-validation.js';

export * from './selectors/label-selector.js';
export * from './selectors/field-selector.js';

export * from './patch/merge-patch.js';
export * from './patch/json-patch.js';
export * from './patch/list-types.js';
export * from './patch/strategic-merge-patch.js';
export * from './patch/field-set.js';
export * from './patch/server-side-apply.js';

export * from './resources/quantity.js';
export * from './resources/pod-requests.js';

export * from './discovery/resource-definition.js';
export * from './discovery/resource-registry.js';
export * from './discovery/version-priority.js';
export * from './discovery/discovery-documents.js';
export * from './discovery/builtin-resources.js';
export * from './discovery/builtin-registry.js';

export * from './crd/custom-resources.js';
export * from './crd/structural-schema.js';

export * from './printers/table.js';
export * from './printers/columns.js';
export * from './printers/builtin-printers.js';

export * from './storage/resource-store.js';
export * from './storage/memory-resource-store.js';
export * from './storage/watch-channel.js';

export * from './http/api-handler.js';
export * from './http/request-path.js';
export * from './http/negotiation.js';
export * from './http/body.js';
export * from './http/respond.js';
export * from './http/watch-stream.js';

export * from './protobuf/kube-protobuf.js';
export { MalformedProtobufError } from './protobuf/wire-reader.js';
export { UndecodableProtobufError } from './protobuf/message-decoder.js';

export * from './tls/server-tls.js';

export * from './util/json.js';
export * from './util/time.js';
export * from './util/duration.js';
export * from './util/jsonpath.js';
export * from './util/assert-never.js';
