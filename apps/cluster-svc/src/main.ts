import { runService } from '@karmada-ts/service-runtime';
import { clusterService } from './service.js';

await runService(clusterService);
