import { expect } from 'chai';
import { decodeKubeProtobuf } from './kube-protobuf.js';
import { UndecodableProtobufError } from './message-decoder.js';
import { MalformedProtobufError } from './wire-reader.js';

/**
 * Request bodies of kubectl 1.32.4 and 1.33.1 (byte-identical; 1.27–1.31 send JSON), captured from the wire, and
 * what each must decode to: kubectl's own JSON of the same object (`kubectl create … --dry-run=client -o json`).
 * bin.dat held the bytes 00 ff fe `binary` 80 (not UTF-8, so kubectl puts a ConfigMap's copy in binaryData), text.txt `hello\n`.
 */
const kubectlCreate: { command: string; hex: string[]; json: object }[] = [
  {
    command: 'create secret generic s1 --from-literal=password=p@ss',
    hex: [
      '6b3873000a0c0a027631120653656372657412280a120a02733112001a0022002a0032003800420012100a0870617373776f',
      '72641204704073731a001a002200',
    ],
    json: {
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: { name: 's1', creationTimestamp: null },
      data: { password: 'cEBzcw==' },
    },
  },
  {
    command: 'create secret generic s2 --from-file=bin=bin.dat --from-file=text.txt --type=example.com/custom',
    hex: [
      '6b3873000a0c0a0276311206536563726574124f0a120a02733212001a0022002a0032003800420012110a0362696e120a00',
      'fffe62696e6172798012120a08746578742e747874120668656c6c6f0a1a126578616d706c652e636f6d2f637573746f6d1a',
      '002200',
    ],
    json: {
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: { name: 's2', creationTimestamp: null },
      data: { bin: 'AP/+YmluYXJ5gA==', 'text.txt': 'aGVsbG8K' },
      type: 'example.com/custom',
    },
  },
  {
    command: 'create secret docker-registry r1 --docker-server=registry.example.com --docker-username=u --docker-password=p --docker-email=u@example.com',
    hex: [
      '6b3873000a0c0a027631120653656372657412b3010a120a02723112001a0022002a00320038004200127d0a112e646f636b',
      '6572636f6e6669676a736f6e12687b226175746873223a7b2272656769737472792e6578616d706c652e636f6d223a7b2275',
      '7365726e616d65223a2275222c2270617373776f7264223a2270222c22656d61696c223a2275406578616d706c652e636f6d',
      '222c2261757468223a2264547077227d7d7d1a1e6b756265726e657465732e696f2f646f636b6572636f6e6669676a736f6e',
      '1a002200',
    ],
    json: {
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: { name: 'r1', creationTimestamp: null },
      data: {
        '.dockerconfigjson': 'eyJhdXRocyI6eyJyZWdpc3RyeS5leGFtcGxlLmNvbSI6eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InAiLCJlbWFpbCI6InVAZXhhbXBsZS5jb20iLCJhdXRoIjoiZFRwdyJ9fX0=',
      },
      type: 'kubernetes.io/dockerconfigjson',
    },
  },
  {
    command: 'create secret generic s3 --from-literal=a=b --save-config',
    hex: [
      '6b3873000a0c0a027631120653656372657412c0010ab3010a02733312001a0022002a00320038004200629e010a306b7562',
      '6563746c2e6b756265726e657465732e696f2f6c6173742d6170706c6965642d636f6e66696775726174696f6e126a7b226b',
      '696e64223a22536563726574222c2261706956657273696f6e223a227631222c226d65746164617461223a7b226e616d6522',
      '3a227333222c226372656174696f6e54696d657374616d70223a6e756c6c7d2c2264617461223a7b2261223a2259673d3d22',
      '7d7d0a12060a01611201621a001a002200',
    ],
    json: {
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: {
        name: 's3',
        creationTimestamp: null,
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s3","creationTimestamp":null},"data":{"a":"Yg=="}}\n',
        },
      },
      data: { a: 'Yg==' },
    },
  },
  {
    command: 'create configmap c1 --from-literal=a=b',
    hex: [
      '6b3873000a0f0a0276311209436f6e6669674d6170121c0a120a02633112001a0022002a0032003800420012060a01611201',
      '621a002200',
    ],
    json: {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'c1', creationTimestamp: null },
      data: { a: 'b' },
    },
  },
  {
    command: 'create configmap c2 --from-file=bin=bin.dat --from-literal=x=y',
    hex: [
      '6b3873000a0f0a0276311209436f6e6669674d6170122f0a120a02633212001a0022002a0032003800420012060a01781201',
      '791a110a0362696e120a00fffe62696e617279801a002200',
    ],
    json: {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'c2', creationTimestamp: null },
      data: { x: 'y' },
      binaryData: { bin: 'AP/+YmluYXJ5gA==' },
    },
  },
  {
    command: 'create configmap c3 --from-literal=k=v --append-hash',
    hex: [
      '6b3873000a0f0a0276311209436f6e6669674d617012270a1d0a0d63332d386d643438383668353712001a0022002a003200',
      '3800420012060a016b1201761a002200',
    ],
    json: {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'c3-8md4886h57', creationTimestamp: null },
      data: { k: 'v' },
    },
  },
  {
    command: 'create namespace n1',
    hex: [
      '6b3873000a0f0a02763112094e616d657370616365121a0a120a026e3112001a0022002a0032003800420012001a020a001a',
      '002200',
    ],
    json: {
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'n1', creationTimestamp: null },
      spec: {},
      status: {},
    },
  },
  {
    command: 'create serviceaccount sa1',
    hex: [
      '6b3873000a140a027631120e536572766963654163636f756e7412150a130a0373613112001a0022002a003200380042001a',
      '002200',
    ],
    json: { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name: 'sa1', creationTimestamp: null } },
  },
  {
    command: 'create deployment d1 --image=nginx --replicas=2',
    hex: [
      '6b3873000a150a07617070732f7631120a4465706c6f796d656e7412a7010a1d0a02643112001a0022002a00320038004200',
      '5a090a036170701202643112780802120b0a090a03617070120264311a5f0a1b0a0012001a0022002a003200380042005a09',
      '0a0361707012026431124012220a056e67696e7812056e67696e782a0042006a007200800100880100900100a201001a0032',
      '0042004a0052005800600068008201008a01009a0100c2010022020a00280038001a0c0800100018002000280038001a0022',
      '00',
    ],
    json: {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'd1', creationTimestamp: null, labels: { app: 'd1' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'd1' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'd1' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    },
  },
  {
    command: 'create deployment d2 --image=nginx --image=busybox:1.36 --port=8080',
    hex: [
      '6b3873000a150a07617070732f7631120a4465706c6f796d656e7412e3010a1d0a02643212001a0022002a00320038004200',
      '5a090a036170701202643212b3010801120b0a090a03617070120264321a99010a1b0a0012001a0022002a00320038004200',
      '5a090a0361707012026432127a122f0a056e67696e7812056e67696e782a00320b0a00100018903f22002a0042006a007200',
      '800100880100900100a20100122b0a0762757379626f78120c62757379626f783a312e33362a0042006a0072008001008801',
      '00900100a201001a00320042004a0052005800600068008201008a01009a0100c2010022020a00280038001a0c0800100018',
      '002000280038001a002200',
    ],
    json: {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'd2', creationTimestamp: null, labels: { app: 'd2' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'd2' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'd2' } },
          spec: {
            containers: [
              { name: 'nginx', image: 'nginx', ports: [{ containerPort: 8080 }], resources: {} },
              { name: 'busybox', image: 'busybox:1.36', resources: {} },
            ],
          },
        },
        strategy: {},
      },
      status: {},
    },
  },
  {
    command: 'create deployment d3 --image=busybox -- sleep 3600',
    hex: [
      '6b3873000a150a07617070732f7631120a4465706c6f796d656e7412b9010a1d0a02643312001a0022002a00320038004200',
      '5a090a03617070120264331289010801120b0a090a03617070120264331a700a1b0a0012001a0022002a003200380042005a',
      '090a0361707012026433125112330a0762757379626f78120762757379626f781a05736c6565701a04333630302a0042006a',
      '007200800100880100900100a201001a00320042004a0052005800600068008201008a01009a0100c2010022020a00280038',
      '001a0c0800100018002000280038001a002200',
    ],
    json: {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'd3', creationTimestamp: null, labels: { app: 'd3' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'd3' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'd3' } },
          spec: { containers: [{ name: 'busybox', image: 'busybox', command: ['sleep', '3600'], resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    },
  },
];

/** The body of `kubectl create job j1 --image=busybox` (kubectl 1.32.4): a kind this server does not decode. */
const kubectlCreateJob = [
  '6b3873000a0f0a0862617463682f763112034a6f62127a0a120a026a3112001a0022002a00320038004200125a32580a100a',
  '0012001a0022002a00320038004200124412210a026a31120762757379626f782a0042006a007200800100880100900100a2',
  '01001a054e65766572320042004a0052005800600068008201008a01009a0100c201001a082000280030003a001a002200',
];

/** A hand-made protobuf field: a varint (bigint), or a length-delimited text, bytes or nested message. */
type Field = [number, bigint | string | Uint8Array | Field[]];

function encode(fields: Field[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [number, value] of fields) {
    if (typeof value === 'bigint') {
      parts.push(varint(BigInt(number) << 3n), varint(value));
      continue;
    }
    const bytes = typeof value === 'string' ? Buffer.from(value) : value instanceof Uint8Array ? value : encode(value);
    parts.push(varint((BigInt(number) << 3n) | 2n), varint(BigInt(bytes.length)), bytes);
  }
  return Buffer.concat(parts);
}

function varint(value: bigint): Uint8Array {
  const bytes: number[] = [];
  let rest = BigInt.asUintN(64, value);
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest > 0n ? low | 0x80 : low);
  } while (rest > 0n);
  return Uint8Array.from(bytes);
}

/** "k8s\0" and a runtime.Unknown around `raw`, as Kubernetes' protobuf serializer writes them. */
function kubeProtobuf(apiVersion: string, kind: string, raw: Field[], envelope: Field[] = []): Uint8Array {
  return Buffer.concat([Buffer.from('k8s\0'), encode([[1, [[1, apiVersion], [2, kind]]], [2, encode(raw)], ...envelope])]);
}

const fromHex = (lines: string[]): Uint8Array => Buffer.from(lines.join(''), 'hex');
const named = (name: string): Field => [1, [[1, name]]];
/** A Deployment whose only container carries `container` fields besides its name. */
const deploymentWith = (podSpec: Field[], container: Field[] = []): Uint8Array =>
  kubeProtobuf('apps/v1', 'Deployment', [named('d'), [2, [[3, [[2, [[2, [[1, 'c'], ...container]], ...podSpec]]]]]]]);

describe('Kubernetes protobuf bodies', () => {
  describe('decode what kubectl create sends to the JSON kubectl would send', () => {
    for (const c of kubectlCreate) it(`kubectl ${c.command}`, () => expect(decodeKubeProtobuf(fromHex(c.hex))).to.deep.equal(c.json));
  });

  describe("follow Go's JSON encoding of the decoded type", () => {
    const cases: { name: string; body: Uint8Array; json: object }[] = [
      {
        name: 'every ObjectMeta field a client sends on an update',
        body: kubeProtobuf('v1', 'Secret', [
          [
            1,
            [
              [1, 's'],
              [2, 's-'],
              [3, 'team'],
              [5, 'd2a6c7a4-5b1e-4c6f-9a51-1f0e9b1c2d3e'],
              [6, '42'],
              [7, 3n],
              [11, [[1, 'app'], [2, 'web']]],
              [12, [[1, 'note'], [2, 'x']]],
              [13, [[1, 'Deployment'], [3, 'web'], [4, 'uid-1'], [5, 'apps/v1'], [6, 1n]]],
              [14, 'example.com/cleanup'],
              [14, 'example.com/audit'],
            ],
          ],
        ]),
        json: {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: {
            name: 's',
            generateName: 's-',
            namespace: 'team',
            uid: 'd2a6c7a4-5b1e-4c6f-9a51-1f0e9b1c2d3e',
            resourceVersion: '42',
            generation: 3,
            creationTimestamp: null,
            labels: { app: 'web' },
            annotations: { note: 'x' },
            ownerReferences: [{ kind: 'Deployment', name: 'web', uid: 'uid-1', apiVersion: 'apps/v1', controller: true }],
            finalizers: ['example.com/cleanup', 'example.com/audit'],
          },
        },
      },
      {
        name: 'a pointer keeps its zero value (immutable: false) and stringData decodes',
        body: kubeProtobuf('v1', 'Secret', [named('s'), [4, [[1, 'k'], [2, 'v']]], [5, 0n]]),
        json: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', creationTimestamp: null }, stringData: { k: 'v' }, immutable: false },
      },
      {
        name: 'an immutable ConfigMap',
        body: kubeProtobuf('v1', 'ConfigMap', [named('c'), [4, 1n]]),
        json: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: null }, immutable: true },
      },
      {
        name: 'a ServiceAccount with secrets, pull secrets and no token automount',
        body: kubeProtobuf('v1', 'ServiceAccount', [named('sa'), [2, [[3, 'token'], [2, 'team']]], [3, [[1, 'registry']]], [4, 0n]]),
        json: {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: 'sa', creationTimestamp: null },
          secrets: [{ name: 'token', namespace: 'team' }],
          imagePullSecrets: [{ name: 'registry' }],
          automountServiceAccountToken: false,
        },
      },
      {
        name: 'a Namespace with spec.finalizers',
        body: kubeProtobuf('v1', 'Namespace', [named('n'), [2, [[1, 'kubernetes']]]]),
        json: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', creationTimestamp: null }, spec: { finalizers: ['kubernetes'] }, status: {} },
      },
      {
        name: 'absent non-pointer structs are written empty, replicas: 0 is kept',
        body: kubeProtobuf('apps/v1', 'Deployment', [[2, [[1, 0n]]]]),
        json: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { creationTimestamp: null },
          spec: { replicas: 0, template: { metadata: { creationTimestamp: null }, spec: {} }, strategy: {} },
          status: {},
        },
      },
      {
        name: 'a negative int32 travels sign-extended to ten bytes',
        body: kubeProtobuf('apps/v1', 'Deployment', [[2, [[1, -1n]]]]),
        json: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { creationTimestamp: null },
          spec: { replicas: -1, template: { metadata: { creationTimestamp: null }, spec: {} }, strategy: {} },
          status: {},
        },
      },
      {
        name: 'times are whole seconds; an empty or zero time is null',
        body: kubeProtobuf('v1', 'ConfigMap', [[1, [[8, [[1, 1767225600n], [2, 500n]]], [9, []]]]]),
        json: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { creationTimestamp: '2026-01-01T00:00:00Z', deletionTimestamp: null } },
      },
      {
        name: "Go's zero time (0001-01-01) written out is null too",
        body: kubeProtobuf('v1', 'ConfigMap', [[1, [[8, [[1, -62135596800n]]]]]]),
        json: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { creationTimestamp: null } },
      },
      {
        name: 'occurrences of one message field merge, the last of a scalar wins',
        body: kubeProtobuf('v1', 'Secret', [named('s'), [3, 'first'], [1, [[11, [[1, 'k'], [2, 'v']]]]], [3, 'second']]),
        json: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', creationTimestamp: null, labels: { k: 'v' } }, type: 'second' },
      },
      {
        name: 'a map key named __proto__ is data, not a prototype',
        body: kubeProtobuf('v1', 'ConfigMap', [named('c'), [2, [[1, '__proto__'], [2, 'x']]]]),
        json: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: null }, data: JSON.parse('{"__proto__":"x"}') },
      },
      {
        name: 'a map entry without a value has the empty value',
        body: kubeProtobuf('v1', 'Secret', [named('s'), [2, [[1, 'empty']]]]),
        json: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', creationTimestamp: null }, data: { empty: '' } },
      },
    ];
    for (const c of cases) it(c.name, () => expect(decodeKubeProtobuf(c.body)).to.deep.equal(c.json));
  });

  describe('refuse kinds and fields not decoded, naming them (415)', () => {
    const cases: { name: string; body: Uint8Array; error: string }[] = [
      {
        name: 'kubectl create job',
        body: fromHex(kubectlCreateJob),
        error: 'protobuf bodies of batch/v1 Job are not decoded by this server, only of v1 Secret, v1 ConfigMap, v1 Namespace, v1 ServiceAccount, apps/v1 Deployment',
      },
      { name: 'a pod securityContext, even empty', body: deploymentWith([[14, []]]), error: 'field 14 of PodSpec (at spec.template.spec) is not decoded by this server' },
      {
        name: 'container resource limits',
        body: deploymentWith([], [[8, [[1, [[1, 'cpu'], [2, [[1, '1']]]]]]]]),
        error: 'field 1 of ResourceRequirements (at spec.template.spec.containers[0].resources) is not decoded by this server',
      },
      { name: 'container env', body: deploymentWith([], [[7, [[1, 'A'], [2, 'b']]]]), error: 'field 7 of Container (at spec.template.spec.containers[0]) is not decoded by this server' },
      { name: 'managedFields', body: kubeProtobuf('v1', 'Secret', [[1, [[1, 's'], [17, [[1, 'kubectl']]]]]]), error: 'field 17 of ObjectMeta (at metadata) is not decoded by this server' },
      { name: 'a field of the object itself', body: kubeProtobuf('v1', 'Secret', [named('s'), [9, 'x']]), error: 'field 9 of Secret is not decoded by this server' },
      { name: 'an encoded envelope', body: kubeProtobuf('v1', 'Secret', [named('s')], [[3, 'gzip']]), error: 'content encoding "gzip" is not decoded by this server' },
      { name: 'an envelope of JSON', body: kubeProtobuf('v1', 'Secret', [named('s')], [[4, 'application/json']]), error: 'an envelope of "application/json" is not decoded by this server' },
      {
        name: 'an int64 beyond 2^53',
        body: kubeProtobuf('v1', 'Secret', [[1, [[7, 2n ** 60n]]]]),
        error: 'metadata.generation (field 7 of ObjectMeta) is 1152921504606846976, beyond what this server stores exactly',
      },
      { name: 'a time after year 9999', body: kubeProtobuf('v1', 'Secret', [[1, [[8, [[1, 253402300800n]]]]]]), error: 'metadata.creationTimestamp is 253402300800 seconds from the epoch, outside years 1 to 9999' },
    ];
    for (const c of cases) it(c.name, () => expect(() => decodeKubeProtobuf(c.body)).to.throw(UndecodableProtobufError, c.error));
  });

  describe('refuse bytes that are not Kubernetes protobuf (400)', () => {
    const secret = fromHex(kubectlCreate[0]!.hex);
    const cases: { name: string; body: Uint8Array; error: RegExp }[] = [
      { name: 'JSON sent as protobuf', body: Buffer.from('{"kind":"Secret"}'), error: /^the body does not start with the Kubernetes protobuf prefix "k8s\\0"$/ },
      { name: 'a body cut short', body: secret.subarray(0, 40), error: /^length 40 of field 2 runs past the end at byte 16$/ },
      { name: 'a string field sent as a varint', body: kubeProtobuf('v1', 'Secret', [[3, 1n]]), error: /^type \(field 3 of Secret\) has wire type varint, expected bytes$/ },
      { name: 'a map entry with a third field', body: kubeProtobuf('v1', 'Secret', [[2, [[1, 'k'], [3, 'x']]]]), error: /^map entry of data \(field 2 of Secret\) has field 3$/ },
    ];
    for (const c of cases) it(c.name, () => expect(() => decodeKubeProtobuf(c.body)).to.throw(MalformedProtobufError, c.error));
  });
});
