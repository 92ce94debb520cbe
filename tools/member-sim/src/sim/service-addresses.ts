import { isJsonObject, type JsonObject, type KubeObject, type ResourceHooks } from '@karmada-ts/kube';

/**
 * Service address allocation for one cluster: a cluster IP from 10.96.0.0/12 for every non-headless service,
 * node ports for NodePort/LoadBalancer ports, and a load-balancer ingress IP. Addresses survive updates.
 */
export class ServiceAddressAllocator {
  private nextIp = 10;
  private nextNodePort = 30000;
  private nextLoadBalancer = 1;

  clusterIp(): string {
    const n = this.nextIp++;
    return `10.96.${(n >> 8) & 255}.${n & 255}`;
  }

  hooks(): ResourceHooks {
    return {
      admit: (service, old) => {
        const spec: JsonObject = { ...(isJsonObject(service['spec']) ? service['spec'] : {}) };
        const oldSpec = old && isJsonObject(old['spec']) ? old['spec'] : {};
        const type = String(spec['type'] ?? 'ClusterIP');
        if (type !== 'ExternalName' && (spec['clusterIP'] === undefined || spec['clusterIP'] === '')) {
          spec['clusterIP'] = typeof oldSpec['clusterIP'] === 'string' ? oldSpec['clusterIP'] : this.clusterIp();
        }
        if (type !== 'ExternalName') {
          spec['clusterIPs'] = [spec['clusterIP']];
          spec['ipFamilies'] ??= ['IPv4'];
          spec['ipFamilyPolicy'] ??= 'SingleStack';
          spec['sessionAffinity'] ??= 'None';
          spec['internalTrafficPolicy'] ??= 'Cluster';
        }
        if ((type === 'NodePort' || type === 'LoadBalancer') && Array.isArray(spec['ports'])) {
          const oldPorts = Array.isArray(oldSpec['ports']) ? oldSpec['ports'].filter(isJsonObject) : [];
          spec['ports'] = spec['ports'].map((p) => {
            if (!isJsonObject(p) || p['nodePort'] !== undefined) return p;
            const kept = oldPorts.find((o) => o['port'] === p['port'])?.['nodePort'];
            return { ...p, nodePort: kept ?? this.nextNodePort++ };
          });
        }
        const out: KubeObject = { ...service, spec };
        if (type === 'LoadBalancer') {
          const status = isJsonObject(old?.['status']) ? old!['status'] : {};
          const existing = isJsonObject(status['loadBalancer']) && Array.isArray(status['loadBalancer']['ingress']) ? status['loadBalancer'] : undefined;
          out['status'] = { ...status, loadBalancer: existing ?? { ingress: [{ ip: `172.18.255.${this.nextLoadBalancer++ & 255}`, ipMode: 'VIP' }] } };
        } else if (!isJsonObject(out['status']) || Object.keys(out['status']).length === 0) {
          out['status'] = { loadBalancer: {} };
        }
        return out;
      },
    };
  }
}
