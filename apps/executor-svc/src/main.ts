import { runService } from '@karmada-ts/service-runtime';
import { executorService } from './service.js';

await runService(executorService);
