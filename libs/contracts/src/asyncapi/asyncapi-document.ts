/**
 * The AsyncAPI 3.0 document of the event log, generated from the channel catalog (channels.ts), the envelope and the
 * hand-written data schemas, so it follows the code. `docs/asyncapi.yaml` is this document as YAML (regenerate it with
 * `node scripts/write-asyncapi.mjs`); the api-gateway serves it at `/docs/asyncapi.yaml`.
 */
import { stringify } from 'yaml';
import { eventTypeHeader } from '../headers.js';
import { defaultInstance, Subjects } from '../subjects.js';
import { eventChannels, type EventChannel } from './channels.js';
import { eventDataSchemas } from './data-schemas.js';
import { envelopeSchema } from './envelope-schema.js';
import { ref, type JsonSchema } from './json-schema.js';
import { sharedSchemas } from './shared-schemas.js';

/** The document's own version: raise it when a subject layout or an event schema changes incompatibly. */
export const asyncApiDocumentVersion = '1.0.0';

const description = `Every change in karmada-ts is an event appended to one NATS JetStream stream, \`KARMADA_<INSTANCE>\` (upper case), which captures the subjects \`<instance>.>\`. External systems may read it directly: create a JetStream consumer on the stream with a filter subject (for example \`karmada.template.>\` for every object users write, \`karmada.clusterstatus.>\` for Cluster health) and read from any sequence.

- **One subject per aggregate instance and writer**: \`<instance>.<aggregate>[.<key>…].<namespace|_>.<name>\`. Variable tokens are encoded: every character outside \`[A-Za-z0-9-]\` becomes \`~\` and the two lower-case hex digits of each of its UTF-8 bytes (\`web.v1\` → \`web~2ev1\`); \`_\` alone stands for "cluster-scoped".
- **Fat events**: each event carries the whole new state of what changed, so a consumer never needs an earlier event.
- **Sequences**: the stream sequence of an event is the \`resourceVersion\` of what it wrote; a consumer resumes from the last sequence it processed.
- **Envelope**: every message body is the JSON of an envelope (\`id\`, \`type\`, \`subject\`, \`time\`, \`actor\`, \`correlationId\`, \`causationId\`, \`version\`, \`data\`); the \`${eventTypeHeader}\` header repeats the type so consumers can skip messages without parsing them. Skip types you do not know.
- **Schema versions**: \`version\` is the schema version of \`data\`. The versions below are the current ones; older ones are upcast by \`EventRegistry.decode\` in @karmada-ts/contracts.

The REST API of the api-gateway is described by the OpenAPI document at \`/docs/openapi.json\`.`;

/** Placeholders that survive subject-token encoding, so each channel's address comes from its Subjects builder. */
const placeholderInstance = 'instance';
const placeholder = (parameter: string) => `PARAM-${parameter}`;
const placeholderToken = /^PARAM-([a-z]+)$/;

/** A channel's subject with `{parameter}` for each variable token: `{instance}.template.{resource}.{namespace}.{name}`. */
export function channelAddress(channel: EventChannel): string {
  const values = Object.fromEntries(Object.keys(channel.parameters).map((p) => [p, placeholder(p)]));
  const subject = channel.subject(new Subjects(placeholderInstance), values);
  const tokens = subject.split('.');
  return [
    '{instance}',
    ...tokens.slice(1).map((token) => {
      const match = placeholderToken.exec(token);
      return match ? `{${match[1]}}` : token;
    }),
  ].join('.');
}

function channelDocument(channel: EventChannel): JsonSchema {
  return {
    address: channelAddress(channel),
    title: channel.aggregate,
    description: `Written by ${channel.writer}. ${channel.description}`,
    parameters: {
      instance: { description: 'The instance (KARMADA_INSTANCE): names the stream and prefixes every subject.', default: defaultInstance },
      ...Object.fromEntries(Object.entries(channel.parameters).map(([name, text]) => [name, { description: text }])),
    },
    messages: Object.fromEntries(channel.events.map(({ type }) => [type.type, { $ref: `#/components/messages/${type.type}` }])),
  };
}

function operationDocument(channel: EventChannel): JsonSchema {
  return {
    action: 'send',
    channel: { $ref: `#/channels/${channel.aggregate}` },
    title: `${channel.writer} appends to ${channel.aggregate}`,
    summary: `What ${channel.writer} appends to the ${channel.aggregate} subjects; subscribe with the filter \`<instance>.${channel.aggregate}.>\`.`,
    messages: channel.events.map(({ type }) => ({ $ref: `#/channels/${channel.aggregate}/messages/${type.type}` })),
  };
}

function messageDocument(channel: EventChannel, event: EventChannel['events'][number]): JsonSchema {
  const { type, version, upcasters } = event.type;
  const older = Object.keys(upcasters).map(Number).sort((a, b) => a - b);
  const versionText = older.length > 0 ? `Current schema version ${version}; versions ${older.join(', ')} are upcast on decoding.` : `Schema version ${version}.`;
  return {
    name: type,
    title: type,
    summary: event.summary,
    description: `${versionText} Appended by ${channel.writer} on the ${channel.aggregate} subjects.`,
    contentType: 'application/json',
    headers: {
      type: 'object',
      properties: {
        [eventTypeHeader]: { type: 'string', const: type, description: 'The event type, to route or skip messages without parsing them.' },
        'Nats-Msg-Id': { type: 'string', description: 'The envelope id: JetStream drops a repeated publish within its duplicate window.' },
      },
      required: [eventTypeHeader],
    },
    payload: {
      allOf: [
        ref('Envelope'),
        {
          type: 'object',
          properties: { type: { const: type }, version: { const: version }, data: ref(`${type}Data`) },
        },
      ],
    },
  };
}

/** The AsyncAPI 3.0.0 document of every channel and event type. */
export function asyncApiDocument(): JsonSchema {
  const messages: Record<string, JsonSchema> = {};
  const dataSchemas: Record<string, JsonSchema> = {};
  for (const channel of eventChannels) {
    for (const event of channel.events) {
      const schema = eventDataSchemas[event.type.type];
      if (!schema) throw new Error(`event type ${event.type.type} has no data schema in asyncapi/data-schemas.ts`);
      messages[event.type.type] = messageDocument(channel, event);
      dataSchemas[`${event.type.type}Data`] = schema;
    }
  }
  return {
    asyncapi: '3.0.0',
    info: { title: 'karmada-ts event log', version: asyncApiDocumentVersion, description },
    defaultContentType: 'application/json',
    servers: {
      nats: { host: '127.0.0.1:4222', protocol: 'nats', description: 'The NATS server with JetStream (NATS_URL); the stream is `KARMADA_<INSTANCE>`.' },
    },
    channels: Object.fromEntries(eventChannels.map((c) => [c.aggregate, channelDocument(c)])),
    operations: Object.fromEntries(eventChannels.map((c) => [`append-${c.aggregate}`, operationDocument(c)])),
    components: {
      schemas: { Envelope: envelopeSchema, ...sharedSchemas, ...dataSchemas },
      messages,
    },
  };
}

/** The document as YAML, exactly as committed in docs/asyncapi.yaml. */
export function asyncApiYaml(): string {
  const header = '# Generated from libs/contracts/src/asyncapi by `node scripts/write-asyncapi.mjs`; edit the generator, not this file.\n';
  return header + stringify(asyncApiDocument(), { aliasDuplicateObjects: false, lineWidth: 0 });
}
