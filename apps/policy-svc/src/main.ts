import { runService } from '@karmada-ts/service-runtime';
import { policyService } from './service.js';

await runService(policyService);
