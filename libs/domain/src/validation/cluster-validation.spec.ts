import { expect } from 'chai';
import type { FieldError, KubeObject } from '@karmada-ts/kube';
import { defaultCluster } from './cluster-defaults.js';
import { validateCluster, validateClusterName } from './cluster-validation.js';

function cluster(spec: unknown, name = 'member1'): KubeObject {
  return { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name }, spec };
}

const push = { syncMode: 'Push', apiEndpoint: 'https://172.18.0.3:6443', secretRef: { namespace: 'karmada-cluster', name: 'member1' } };
const form = '; desired format: hostname, hostname:port, IP or IP:port';
const notLabelValue =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const notDnsLabel =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function invalid(field: string, value: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, body: `Invalid value: ${value}: ${detail}` };
}

const validClusters: { name: string; cluster: KubeObject }[] = [
  {
    name: 'artifacts/example/cr_cluster.yaml',
    cluster: cluster({ ...push, apiEndpoint: 'https://10.10.10.10:6339', secretRef: { namespace: 'karmada-cluster', name: 'secret-foo' }, provider: 'huaweicloud', region: 'ap-southeast-1', zone: 'az-1' }, 'cluster-foo'),
  },
  { name: 'a pull cluster without endpoint or secret', cluster: cluster({ syncMode: 'Pull' }) },
  { name: 'a push cluster as karmadactl join writes it', cluster: cluster({ ...push, id: '3a1c2b4d', impersonatorSecretRef: { namespace: 'karmada-cluster', name: 'member1-impersonator' }, insecureSkipTLSVerification: false }) },
  { name: 'zones, proxy and taints', cluster: cluster({ ...push, zones: ['az-1', 'az-2'], proxyURL: 'socks5://proxy:1080', proxyHeader: { 'X-Cluster': 'member1' }, taints: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' }, { key: 'cluster.karmada.io/not-ready', effect: 'NoExecute' }, { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }) },
  { name: 'a 48-character name', cluster: cluster({ syncMode: 'Pull' }, 'a'.repeat(48)) },
  { name: 'custom resource models', cluster: cluster({ ...push, resourceModels: [{ grade: 0, ranges: [{ name: 'cpu', min: '0', max: '4' }] }, { grade: 1, ranges: [{ name: 'cpu', min: '4', max: '9223372036854775807' }] }] }) },
];

describe('validateCluster: valid clusters', () => {
  for (const c of validClusters) it(c.name, () => expect(validateCluster(defaultCluster(c.cluster, { operation: 'CREATE', now: new Date('2026-03-01T10:00:00Z') }))).to.deep.equal([]));
});

const invalidClusters: { name: string; cluster: KubeObject; want: FieldError[] }[] = [
  {
    name: 'no spec: syncMode is required and unsupported',
    cluster: cluster(undefined),
    want: [
      { type: 'FieldValueRequired', field: 'spec.syncMode', body: 'Required value' },
      { type: 'FieldValueNotSupported', field: 'spec.syncMode', body: 'Unsupported value: "": supported values: "Pull", "Push"' },
    ],
  },
  { name: 'syncMode enum', cluster: cluster({ syncMode: 'push' }), want: [{ type: 'FieldValueNotSupported', field: 'spec.syncMode', body: 'Unsupported value: "push": supported values: "Pull", "Push"' }] },
  { name: 'a 49-character name', cluster: cluster({ syncMode: 'Pull' }, 'a'.repeat(49)), want: [invalid('metadata.name', `"${'a'.repeat(49)}"`, 'must be no more than 48 characters')] },
  { name: 'a name that is not a DNS label', cluster: cluster({ syncMode: 'Pull' }, 'member.one'), want: [invalid('metadata.name', '"member.one"', 'must not contain dots')] },
  { name: 'an upper-case name', cluster: cluster({ syncMode: 'Pull' }, 'Member1'), want: [invalid('metadata.name', '"Member1"', notDnsLabel)] },
  { name: 'IP:port endpoint', cluster: cluster({ ...push, apiEndpoint: '172.18.0.3:6443' }), want: [invalid('spec.apiEndpoint', '"172.18.0.3:6443"', `apiEndpoint must be a valid URL: parse "172.18.0.3:6443": first path segment in URL cannot contain colon${form}`)] },
  { name: 'host:port endpoint has no host to Go', cluster: cluster({ ...push, apiEndpoint: 'member1.example.com:6443' }), want: [invalid('spec.apiEndpoint', '""', `host must be provided${form}`)] },
  { name: 'endpoint with user info', cluster: cluster({ ...push, apiEndpoint: 'https://admin:pw@10.0.0.1:6443' }), want: [invalid('spec.apiEndpoint', '"admin:pw"', 'user information is not permitted in the URL')] },
  { name: 'endpoint with a fragment', cluster: cluster({ ...push, apiEndpoint: 'https://10.0.0.1:6443#x' }), want: [invalid('spec.apiEndpoint', '"x"', 'fragments are not permitted in the URL')] },
  { name: 'endpoint with a query', cluster: cluster({ ...push, apiEndpoint: 'https://10.0.0.1:6443/?timeout=5s' }), want: [invalid('spec.apiEndpoint', '"timeout=5s"', 'query parameters are not permitted in the URL')] },
  {
    name: 'endpoint with a bad port',
    cluster: cluster({ ...push, apiEndpoint: 'https://10.0.0.1:port' }),
    want: [invalid('spec.apiEndpoint', '"https://10.0.0.1:port"', `apiEndpoint must be a valid URL: parse "https://10.0.0.1:port": invalid port ":port" after host${form}`)],
  },
  {
    name: 'secret references need namespace and name',
    cluster: cluster({ ...push, secretRef: { name: 's' }, impersonatorSecretRef: {} }),
    want: [
      { type: 'FieldValueRequired', field: 'spec.secretRef.namespace', body: 'Required value' },
      { type: 'FieldValueRequired', field: 'spec.impersonatorSecretRef.namespace', body: 'Required value' },
      { type: 'FieldValueRequired', field: 'spec.impersonatorSecretRef.name', body: 'Required value' },
    ],
  },
  { name: 'proxy scheme', cluster: cluster({ ...push, proxyURL: 'ftp://proxy:21' }), want: [invalid('spec.proxyURL', '"ftp://proxy:21"', 'unsupported scheme "ftp", must be http, https, or socks5')] },
  { name: 'proxy without scheme', cluster: cluster({ ...push, proxyURL: 'proxy.local' }), want: [invalid('spec.proxyURL', '"proxy.local"', 'unsupported scheme "", must be http, https, or socks5')] },
  { name: 'unparsable proxy (Karmada says apiEndpoint)', cluster: cluster({ ...push, proxyURL: ':1080' }), want: [invalid('spec.proxyURL', '":1080"', 'apiEndpoint must be a valid URL: parse ":1080": missing protocol scheme')] },
  { name: 'provider not a label value', cluster: cluster({ ...push, provider: 'huawei cloud' }), want: [invalid('spec.provider', '"huawei cloud"', notLabelValue)] },
  { name: 'region longer than 63', cluster: cluster({ ...push, region: 'r'.repeat(64) }), want: [invalid('spec.region', `"${'r'.repeat(64)}"`, 'must be no more than 63 characters')] },
  {
    name: 'zone and zones together (Karmada reports spec.spec)',
    cluster: cluster({ syncMode: 'Pull', zone: 'az-1', zones: ['az-2'] }),
    want: [{ type: 'FieldValueTypeInvalid', field: 'spec.spec', body: 'Invalid value: {"syncMode":"Pull","zone":"az-1","zones":["az-2"]}: Zone and Zones cannot co-exist' }],
  },
  { name: 'an invalid zone keeps its place (spec.Zone)', cluster: cluster({ syncMode: 'Pull', zone: 'az 1' }), want: [invalid('spec.Zone', '"az 1"', notLabelValue)] },
  { name: 'an invalid zones entry (spec.Zones)', cluster: cluster({ syncMode: 'Pull', zones: ['az-1', '-az2'] }), want: [invalid('spec.Zones', '"-az2"', notLabelValue)] },
  {
    name: 'taint rules',
    cluster: cluster({
      syncMode: 'Pull',
      taints: [{ key: 'ok', effect: 'PreferNoSchedule' }, { key: 'no effect' }, { key: 'dup', effect: 'NoSchedule' }, { key: 'dup', value: 'x', effect: 'NoSchedule' }, { key: 'v', value: 'a b', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:00Z' }],
    }),
    want: [
      { type: 'FieldValueNotSupported', field: 'spec.taints[0].effect', body: 'Unsupported value: "PreferNoSchedule": supported values: "NoSchedule", "NoExecute"' },
      invalid('spec.taints[1].key', '"no effect"', "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
      { type: 'FieldValueRequired', field: 'spec.taints[1].effect', body: 'Required value' },
      { type: 'FieldValueDuplicate', field: 'spec.taints[3]', body: 'Duplicate value: {"key":"dup","value":"x","effect":"NoSchedule"}: taints must be unique by key and effect pair' },
      invalid('spec.taints[4].value', '"a b"', notLabelValue),
    ],
  },
  {
    name: 'resource models: the first problem only',
    cluster: cluster({ syncMode: 'Pull', resourceModels: [{ grade: 0, ranges: [{ name: 'cpu', min: '0', max: '2' }] }, { grade: 1, ranges: [{ name: 'cpu', min: '3', max: '4' }] }] }),
    want: [
      invalid(
        'spec.resourceModels',
        '[{"grade":0,"ranges":[{"name":"cpu","min":"0","max":"2"}]},{"grade":1,"ranges":[{"name":"cpu","min":"3","max":"9223372036854775807"}]}]',
        'Model intervals for resources must be contiguous and non-overlapping',
      ),
    ],
  },
  { name: 'a member of the wrong type', cluster: cluster({ syncMode: 'Push', taints: { key: 'a' } }), want: [{ type: 'FieldValueTypeInvalid', field: 'spec.taints', body: 'Invalid value: "object": spec.taints in body must be of type array: "object"' }] },
];

describe('validateCluster: each rule', () => {
  for (const c of invalidClusters) it(c.name, () => expect(validateCluster(defaultCluster(c.cluster, { operation: 'UPDATE', now: new Date('2026-03-01T10:00:00Z') }))).to.deep.equal(c.want));
});

describe('validateClusterName', () => {
  const cases: { name: string; want: string[] }[] = [
    { name: 'member1', want: [] },
    { name: '', want: ['must be not empty'] },
    { name: 'x'.repeat(49), want: ['must be no more than 48 characters'] },
    { name: 'X'.repeat(49), want: ['must be no more than 48 characters'] },
    { name: 'a_b', want: [notDnsLabel] },
  ];
  for (const c of cases) it(JSON.stringify(c.name), () => expect(validateClusterName(c.name)).to.deep.equal(c.want));
});
