#!/usr/bin/env node
// Writes docs/asyncapi.yaml from the generator in libs/contracts/src/asyncapi (run after changing a subject, an event
// type or an event schema): `node scripts/write-asyncapi.mjs`. The contracts test fails while the file is stale.
import { writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.env.SWC_NODE_PROJECT ??= join(root, 'tsconfig.json');
register('@swc-node/register/esm', import.meta.url);

const { asyncApiYaml } = await import('../libs/contracts/src/asyncapi/asyncapi-document.ts');
const target = join(root, 'docs', 'asyncapi.yaml');
writeFileSync(target, asyncApiYaml());
console.log(`wrote ${target}`);
