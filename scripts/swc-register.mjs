// Registers swc-node's ESM loader relative to the repository, so TypeScript sources run from any working directory.
import { register } from 'node:module';

register('@swc-node/register/esm', import.meta.url);
