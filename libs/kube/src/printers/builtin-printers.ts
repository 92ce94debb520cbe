import type { KubeObject } from '../api/object.js';
import type { TablePrinter } from '../discovery/resource-definition.js';
import {
  age,
  ageColumn,
  column,
  containerImages,
  containerNames,
  list,
  nameColumn,
  namedPrinter,
  num,
  obj,
  selectorString,
  since,
  spec,
  status,
  str,
} from './columns.js';

/** Table printers for the built-in kinds, with kubectl's usual columns. */
function workloadTemplate(object: KubeObject): ReturnType<typeof obj> {
  return obj(obj(spec(object)['template'])['spec']);
}

const wideWorkload = [column('Containers', 'string', 'Names of each container in the template.', 1), column('Images', 'string', 'Images referenced by each container in the template.', 1)];
const wideWorkloadCells = (o: KubeObject): unknown[] => [containerNames(workloadTemplate(o)), containerImages(workloadTemplate(o))];

export const namespacePrinter = namedPrinter([column('Status', 'string', 'The status of the namespace')], (o) => [str(status(o)['phase'], 'Active')]);

function nodeStatus(o: KubeObject): string {
  const ready = list(status(o)['conditions']).map(obj).find((c) => c['type'] === 'Ready');
  let text = ready?.['status'] === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
  if (spec(o)['unschedulable'] === true) text += ',SchedulingDisabled';
  return text;
}

function nodeRoles(o: KubeObject): string {
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length))
    .filter((r) => r !== '');
  return roles.length > 0 ? roles.sort().join(',') : '<none>';
}

function nodeAddress(o: KubeObject, type: string): string {
  return str(list(status(o)['addresses']).map(obj).find((a) => a['type'] === type)?.['address']);
}

export const nodePrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    ageColumn,
    column('Version', 'string', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'string', 'List of addresses reachable to the node.', 1),
    column('External-IP', 'string', 'List of addresses reachable to the node.', 1),
    column('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
    column('Kernel-Version', 'string', 'Kernel Version reported by the node.', 1),
    column('Container-Runtime', 'string', 'Container runtime version reported by the node.', 1),
  ],
  cells: (o, now) => {
    const info = obj(status(o)['nodeInfo']);
    return [
      o.metadata.name ?? '',
      nodeStatus(o),
      nodeRoles(o),
      age(o, now),
      str(info['kubeletVersion'], ''),
      nodeAddress(o, 'InternalIP'),
      nodeAddress(o, 'ExternalIP'),
      str(info['osImage'], '<unknown>'),
      str(info['kernelVersion'], '<unknown>'),
      str(info['containerRuntimeVersion'], '<unknown>'),
    ];
  },
};

function podPhase(o: KubeObject): string {
  if (o.metadata.deletionTimestamp) return 'Terminating';
  const st = status(o);
  if (typeof st['reason'] === 'string' && st['reason'] !== '') return st['reason'];
  const waiting = list(st['containerStatuses'])
    .map((c) => obj(obj(obj(c)['state'])['waiting'])['reason'])
    .find((r) => typeof r === 'string');
  if (typeof waiting === 'string') return waiting;
  const phase = str(st['phase'], 'Pending');
  if (phase === 'Succeeded') return 'Completed';
  if (phase === 'Failed') return 'Error';
  return phase;
}

export const podPrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    ageColumn,
    column('IP', 'string', 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
    column('Node', 'string', 'NodeName is a request to schedule this pod onto a specific node.', 1),
    column('Nominated Node', 'string', 'nominatedNodeName is set when this pod preempts other pods on the node.', 1),
    column('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness.', 1),
  ],
  cells: (o, now) => {
    const statuses = list(status(o)['containerStatuses']).map(obj);
    const total = list(spec(o)['containers']).length;
    const ready = statuses.filter((c) => c['ready'] === true).length;
    const restarts = statuses.reduce((sum, c) => sum + num(c['restartCount']), 0);
    return [o.metadata.name ?? '', `${ready}/${total}`, podPhase(o), String(restarts), age(o, now), str(status(o)['podIP']), str(spec(o)['nodeName']), '<none>', '<none>'];
  },
};

export const configMapPrinter = namedPrinter([column('Data', 'integer', 'Data contains the configuration data.')], (o) => [
  Object.keys(obj(o['data'])).length + Object.keys(obj(o['binaryData'])).length,
]);

export const secretPrinter = namedPrinter(
  [column('Type', 'string', 'The type of the secret'), column('Data', 'integer', 'The number of entries in the secret')],
  (o) => [str(o['type'], 'Opaque'), Object.keys(obj(o['data'])).length],
);

function servicePorts(o: KubeObject): string {
  const ports = list(spec(o)['ports']).map(obj);
  if (ports.length === 0) return '<none>';
  return ports
    .map((p) => `${num(p['port'])}${p['nodePort'] ? `:${num(p['nodePort'])}` : ''}/${str(p['protocol'], 'TCP')}`)
    .join(',');
}

function externalIp(o: KubeObject): string {
  const type = str(spec(o)['type'], 'ClusterIP');
  const ingress = list(obj(status(o)['loadBalancer'])['ingress']).map((i) => str(obj(i)['ip'], str(obj(i)['hostname'], '')));
  const external = list(spec(o)['externalIPs']).map(String);
  if (type === 'LoadBalancer') return [...ingress, ...external].filter((x) => x).join(',') || '<pending>';
  if (type === 'ExternalName') return str(spec(o)['externalName']);
  return external.length > 0 ? external.join(',') : '<none>';
}

export const servicePrinter = namedPrinter(
  [
    column('Type', 'string', 'The type of the service'),
    column('Cluster-IP', 'string', 'The IP address of the service'),
    column('External-IP', 'string', 'The external IPs of the service'),
    column('Port(s)', 'string', 'The ports of the service'),
  ],
  (o) => [str(spec(o)['type'], 'ClusterIP'), str(spec(o)['clusterIP']), externalIp(o), servicePorts(o)],
  [column('Selector', 'string', 'The selector of the service', 1)],
  (o) => [Object.entries(obj(spec(o)['selector'])).map(([k, v]) => `${k}=${String(v)}`).join(',') || '<none>'],
);

export const serviceAccountPrinter = namedPrinter([column('Secrets', 'string', 'The secrets of the service account')], (o) => [list(o['secrets']).length]);

export const persistentVolumeClaimPrinter = namedPrinter(
  [
    column('Status', 'string', 'The phase of the claim'),
    column('Volume', 'string', 'The bound volume'),
    column('Capacity', 'string', 'The capacity of the bound volume'),
    column('Access Modes', 'string', 'The access modes of the claim'),
    column('StorageClass', 'string', 'The storage class of the claim'),
  ],
  (o) => {
    const modes = list(status(o)['accessModes']).map((m) => ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' })[String(m) as 'ReadWriteOnce'] ?? String(m));
    return [
      str(status(o)['phase'], 'Pending'),
      str(spec(o)['volumeName'], ''),
      str(obj(status(o)['capacity'])['storage'], ''),
      modes.join(','),
      str(spec(o)['storageClassName'], ''),
    ];
  },
);

export const deploymentPrinter = namedPrinter(
  [
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'integer', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    column('Available', 'integer', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
  ],
  (o) => [`${num(status(o)['readyReplicas'])}/${num(spec(o)['replicas'] ?? 1)}`, num(status(o)['updatedReplicas']), num(status(o)['availableReplicas'])],
  [...wideWorkload, column('Selector', 'string', 'Label selector for pods.', 1)],
  (o) => [...wideWorkloadCells(o), selectorString(spec(o)['selector'])],
);

export const replicaSetPrinter = namedPrinter(
  [
    column('Desired', 'integer', 'Replicas is the number of desired replicas.'),
    column('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
    column('Ready', 'integer', 'The number of ready replicas for this replica set.'),
  ],
  (o) => [num(spec(o)['replicas'] ?? 1), num(status(o)['replicas']), num(status(o)['readyReplicas'])],
  [...wideWorkload, column('Selector', 'string', 'Label selector for pods.', 1)],
  (o) => [...wideWorkloadCells(o), selectorString(spec(o)['selector'])],
);

export const statefulSetPrinter = namedPrinter(
  [column('Ready', 'string', 'Number of the pod with ready state')],
  (o) => [`${num(status(o)['readyReplicas'])}/${num(spec(o)['replicas'] ?? 1)}`],
  wideWorkload,
  wideWorkloadCells,
);

export const daemonSetPrinter = namedPrinter(
  [
    column('Desired', 'integer', 'The total number of nodes that should be running the daemon pod.'),
    column('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod.'),
    column('Ready', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.'),
    column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    column('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.'),
    column('Node Selector', 'string', 'NodeSelector is a selector which must be true for the pod to fit on a node.'),
  ],
  (o) => {
    const st = status(o);
    const nodeSelector = Object.entries(obj(workloadTemplate(o)['nodeSelector'])).map(([k, v]) => `${k}=${String(v)}`).join(',') || '<none>';
    return [num(st['desiredNumberScheduled']), num(st['currentNumberScheduled']), num(st['numberReady']), num(st['updatedNumberScheduled']), num(st['numberAvailable']), nodeSelector];
  },
  wideWorkload,
  wideWorkloadCells,
);

function jobStatus(o: KubeObject): string {
  const conditions = list(status(o)['conditions']).map(obj);
  const has = (type: string): boolean => conditions.some((c) => c['type'] === type && c['status'] === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  return 'Running';
}

export const jobPrinter = namedPrinter(
  [
    column('Status', 'string', 'Status of the job.'),
    column('Completions', 'string', 'The completion status of the job'),
    column('Duration', 'string', 'Time required to complete the job.'),
  ],
  (o, now) => {
    const st = status(o);
    const completions = spec(o)['completions'];
    const start = st['startTime'];
    const end = st['completionTime'];
    const duration = typeof start === 'string' ? since(start, typeof end === 'string' ? new Date(end) : now) : '';
    return [jobStatus(o), `${num(st['succeeded'])}/${completions === undefined ? 1 : num(completions)}`, duration];
  },
  [...wideWorkload, column('Selector', 'string', 'Label selector for pods.', 1)],
  (o) => [...wideWorkloadCells(o), selectorString(spec(o)['selector'])],
);

export const cronJobPrinter = namedPrinter(
  [
    column('Schedule', 'string', 'The schedule in Cron format'),
    column('Timezone', 'string', 'The time zone name for the given schedule'),
    column('Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions.'),
    column('Active', 'integer', 'A list of pointers to currently running jobs.'),
    column('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'),
  ],
  (o, now) => [
    str(spec(o)['schedule'], ''),
    str(spec(o)['timeZone']),
    spec(o)['suspend'] === true ? 'True' : 'False',
    list(status(o)['active']).length,
    typeof status(o)['lastScheduleTime'] === 'string' ? since(status(o)['lastScheduleTime'], now) : '<none>',
  ],
);

export const ingressPrinter = namedPrinter(
  [
    column('Class', 'string', 'The name of the IngressClass resource that should be used for ingress'),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
  ],
  (o) => {
    const hosts = list(spec(o)['rules']).map((r) => str(obj(r)['host'], '*'));
    const address = list(obj(status(o)['loadBalancer'])['ingress']).map((i) => str(obj(i)['ip'], str(obj(i)['hostname'], '')));
    return [str(spec(o)['ingressClassName']), hosts.join(',') || '*', address.join(','), list(spec(o)['tls']).length > 0 ? '80, 443' : '80'];
  },
);

export const horizontalPodAutoscalerPrinter = namedPrinter(
  [
    column('Reference', 'string', 'Reference to target resource'),
    column('Targets', 'string', 'Current and desired metric values'),
    column('MinPods', 'string', 'Lower limit for the number of pods that can be set by the autoscaler'),
    column('MaxPods', 'integer', 'Upper limit for the number of pods that can be set by the autoscaler'),
    column('Replicas', 'integer', 'Current number of replicas of pods managed by this autoscaler'),
  ],
  (o) => {
    const ref = obj(spec(o)['scaleTargetRef']);
    return [`${str(ref['kind'], '')}/${str(ref['name'], '')}`, '<unknown>', String(num(spec(o)['minReplicas'] ?? 1)), num(spec(o)['maxReplicas']), num(status(o)['currentReplicas'])];
  },
);

export const leasePrinter = namedPrinter([column('Holder', 'string', 'Name of the holder of the lease')], (o) => [str(spec(o)['holderIdentity'], '')]);

export const eventPrinter: TablePrinter = {
  columns: [
    column('Last Seen', 'string', 'Time when last this event was seen'),
    column('Type', 'string', 'Type of this event (Normal, Warning)'),
    column('Reason', 'string', 'Short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
    column('Object', 'string', 'The object that this event is about.'),
    column('Message', 'string', 'A human-readable description of the status of this operation.'),
    { ...nameColumn, priority: 1 },
  ],
  cells: (o, now) => {
    const involved = obj(o['involvedObject']);
    return [
      since(o['lastTimestamp'] ?? o['eventTime'] ?? o.metadata.creationTimestamp, now),
      str(o['type'], ''),
      str(o['reason'], ''),
      `${String(involved['kind'] ?? '').toLowerCase()}/${str(involved['name'], '')}`,
      str(o['message'], ''),
      o.metadata.name ?? '',
    ];
  },
};

export const customResourceDefinitionPrinter: TablePrinter = {
  columns: [nameColumn, column('Created At', 'date', 'CreationTimestamp of the CustomResourceDefinition')],
  cells: (o) => [o.metadata.name ?? '', o.metadata.creationTimestamp ?? ''],
};
