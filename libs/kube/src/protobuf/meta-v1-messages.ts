import { field, messageSchema } from './message-schema.js';

// k8s.io/apimachinery pkg/apis/meta/v1: field numbers from generated.proto, presence from types.go's json tags.

export const ownerReference = messageSchema('OwnerReference', {
  1: field.string('kind', 'always'),
  3: field.string('name', 'always'),
  4: field.string('uid', 'always'),
  5: field.string('apiVersion', 'always'),
  6: field.bool('controller', 'pointer'),
  7: field.bool('blockOwnerDeletion', 'pointer'),
});

/** Everything but managedFields (17), which clients never send on create or update. */
export const objectMeta = messageSchema('ObjectMeta', {
  1: field.string('name'),
  2: field.string('generateName'),
  3: field.string('namespace'),
  4: field.string('selfLink'),
  5: field.string('uid'),
  6: field.string('resourceVersion'),
  7: field.int64('generation'),
  8: field.time('creationTimestamp', 'always'),
  9: field.time('deletionTimestamp', 'pointer'),
  10: field.int64('deletionGracePeriodSeconds', 'pointer'),
  11: field.stringMap('labels'),
  12: field.stringMap('annotations'),
  13: field.messages('ownerReferences', ownerReference),
  14: field.strings('finalizers'),
});

/** matchLabels only: `kubectl create deployment` sends no matchExpressions (2). */
export const labelSelector = messageSchema('LabelSelector', {
  1: field.stringMap('matchLabels'),
});
