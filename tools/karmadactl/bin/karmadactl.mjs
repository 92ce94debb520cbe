#!/usr/bin/env node
// `npx karmadactl …`: runs the built CLI when fresh, its TypeScript sources otherwise.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { nodeArgsFor } from '../../../scripts/run-tool.mjs';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(process.execPath, [...nodeArgsFor(dir), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { SWC_NODE_PROJECT: join(dir, '../../tsconfig.json'), ...process.env },
});
process.exit(result.status ?? 1);
