#!/usr/bin/env node
// Runs member-sim: the built dist/main.js when present, otherwise the TypeScript source through swc-node.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'main.js');
const args = existsSync(dist)
  ? [dist]
  : ['--import', import.meta.resolve('@swc-node/register/esm-register'), '--conditions=@karmada-ts/source', join(root, 'src', 'main.ts')];
const project = join(root, '..', '..', 'tsconfig.json');
const env = existsSync(project) && !process.env.SWC_NODE_PROJECT ? { ...process.env, SWC_NODE_PROJECT: project } : process.env;
const child = spawn(process.execPath, [...args, ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.cwd(), env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
