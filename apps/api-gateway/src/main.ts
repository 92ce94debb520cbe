import { runService } from '@karmada-ts/service-runtime';
import { apiGatewayService } from './service.js';

await runService(apiGatewayService);
