import { runService } from '@karmada-ts/service-runtime';
import { schedulerService } from './service.js';

await runService(schedulerService);
