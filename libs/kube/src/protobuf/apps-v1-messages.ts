import { podTemplateSpec } from './core-v1-messages.js';
import { field, messageSchema } from './message-schema.js';
import { labelSelector, objectMeta } from './meta-v1-messages.js';

// k8s.io/api apps/v1: field numbers from generated.proto, presence from types.go's json tags; the subset
// `kubectl create deployment NAME --image=… [--replicas=…] [--port=…] [-- COMMAND…]` sends.

/** type only: kubectl sends an empty strategy, and rollingUpdate (2) carries IntOrStrings this server does not decode. */
const deploymentStrategy = messageSchema('DeploymentStrategy', {
  1: field.string('type'),
});

const deploymentSpec = messageSchema('DeploymentSpec', {
  1: field.int32('replicas', 'pointer'),
  2: field.message('selector', labelSelector, 'pointer'),
  3: field.message('template', podTemplateSpec, 'always'),
  4: field.message('strategy', deploymentStrategy, 'always'),
  5: field.int32('minReadySeconds'),
  7: field.bool('paused'),
});

/** The counters a client's Go struct always carries (zero from kubectl); a create resets status anyway. */
const deploymentStatus = messageSchema('DeploymentStatus', {
  1: field.int64('observedGeneration'),
  2: field.int32('replicas'),
  3: field.int32('updatedReplicas'),
  4: field.int32('availableReplicas'),
  5: field.int32('unavailableReplicas'),
  7: field.int32('readyReplicas'),
});

export const deployment = messageSchema('Deployment', {
  1: field.message('metadata', objectMeta, 'always'),
  2: field.message('spec', deploymentSpec, 'always'),
  3: field.message('status', deploymentStatus, 'always'),
});
