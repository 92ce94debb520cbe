import { objectMeta } from './meta-v1-messages.js';
import { field, messageSchema } from './message-schema.js';

// k8s.io/api core/v1: field numbers from generated.proto, presence from types.go's json tags. The pod template
// carries what `kubectl create deployment` sends (its zero-valued scalars included); anything else is refused.

export const secret = messageSchema('Secret', {
  1: field.message('metadata', objectMeta, 'always'),
  2: field.bytesMap('data'),
  3: field.string('type'),
  4: field.stringMap('stringData'),
  5: field.bool('immutable', 'pointer'),
});

export const configMap = messageSchema('ConfigMap', {
  1: field.message('metadata', objectMeta, 'always'),
  2: field.stringMap('data'),
  3: field.bytesMap('binaryData'),
  4: field.bool('immutable', 'pointer'),
});

const namespaceSpec = messageSchema('NamespaceSpec', {
  1: field.strings('finalizers'),
});

/** phase only: conditions (2) are written by the namespace controller, not by clients. */
const namespaceStatus = messageSchema('NamespaceStatus', {
  1: field.string('phase'),
});

export const namespace = messageSchema('Namespace', {
  1: field.message('metadata', objectMeta, 'always'),
  2: field.message('spec', namespaceSpec, 'always'),
  3: field.message('status', namespaceStatus, 'always'),
});

const objectReference = messageSchema('ObjectReference', {
  1: field.string('kind'),
  2: field.string('namespace'),
  3: field.string('name'),
  4: field.string('uid'),
  5: field.string('apiVersion'),
  6: field.string('resourceVersion'),
  7: field.string('fieldPath'),
});

const localObjectReference = messageSchema('LocalObjectReference', {
  1: field.string('name'),
});

export const serviceAccount = messageSchema('ServiceAccount', {
  1: field.message('metadata', objectMeta, 'always'),
  2: field.messages('secrets', objectReference),
  3: field.messages('imagePullSecrets', localObjectReference),
  4: field.bool('automountServiceAccountToken', 'pointer'),
});

const containerPort = messageSchema('ContainerPort', {
  1: field.string('name'),
  2: field.int32('hostPort'),
  3: field.int32('containerPort', 'always'),
  4: field.string('protocol'),
  5: field.string('hostIP'),
});

/** Always present and empty from kubectl; limits and requests (Quantity maps) and claims are refused. */
const resourceRequirements = messageSchema('ResourceRequirements', {});

const container = messageSchema('Container', {
  1: field.string('name', 'always'),
  2: field.string('image'),
  3: field.strings('command'),
  5: field.string('workingDir'),
  6: field.messages('ports', containerPort),
  8: field.message('resources', resourceRequirements, 'always'),
  13: field.string('terminationMessagePath'),
  14: field.string('imagePullPolicy'),
  16: field.bool('stdin'),
  17: field.bool('stdinOnce'),
  18: field.bool('tty'),
  20: field.string('terminationMessagePolicy'),
});

const podSpec = messageSchema('PodSpec', {
  2: field.messages('containers', container),
  3: field.string('restartPolicy'),
  6: field.string('dnsPolicy'),
  8: field.string('serviceAccountName'),
  9: field.string('serviceAccount'),
  10: field.string('nodeName'),
  11: field.bool('hostNetwork'),
  12: field.bool('hostPID'),
  13: field.bool('hostIPC'),
  16: field.string('hostname'),
  17: field.string('subdomain'),
  19: field.string('schedulerName'),
  24: field.string('priorityClassName'),
});

export const podTemplateSpec = messageSchema('PodTemplateSpec', {
  1: field.message('metadata', objectMeta, 'always'),
  2: field.message('spec', podSpec, 'always'),
});
