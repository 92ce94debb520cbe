export type { JsonSchema } from './json-schema.js';
export { eventChannels, type ChannelEvent, type EventChannel } from './channels.js';
export { eventDataSchemas } from './data-schemas.js';
export { asyncApiDocument, asyncApiDocumentVersion, asyncApiYaml, channelAddress } from './asyncapi-document.js';
