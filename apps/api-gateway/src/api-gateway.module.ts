import { Module } from '@nestjs/common';
import { AuditApi } from './audit/audit-api.js';
import { ExplainApi } from './explain/explain-api.js';
import { FinalizerReleaseController } from './finalizers/finalizer-release.controller.js';
import { gatewayConfigProvider } from './gateway-config.provider.js';
import { KubeApi } from './kube-api.js';
import { PreviewApi } from './preview/preview-api.js';
import { KubeApiServer } from './server/kube-api-server.js';

/** The control plane's Kubernetes API: every write an audited event, reads from the stream heads and projections. */
@Module({
  controllers: [FinalizerReleaseController],
  providers: [gatewayConfigProvider, KubeApi, AuditApi, ExplainApi, PreviewApi, KubeApiServer],
  exports: [KubeApi, KubeApiServer],
})
export class ApiGatewayModule {}
