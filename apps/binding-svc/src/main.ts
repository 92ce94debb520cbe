import { runService } from '@karmada-ts/service-runtime';
import { bindingService } from './service.js';

await runService(bindingService);
