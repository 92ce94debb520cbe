import { Module } from '@nestjs/common';
import { FinalizerReleaseController } from './finalizers/finalizer-release.controller.js';
import { gatewayConfigProvider } from './gateway-config.provider.js';
import { KubeApi } from './kube-api.js';
import { KubeApiServer } from './server/kube-api-server.js';

/** The control plane's Kubernetes API: every write an audited event, reads from the stream heads and projections. */
@Module({
  controllers: [FinalizerReleaseController],
  providers: [gatewayConfigProvider, KubeApi, KubeApiServer],
  exports: [KubeApi, KubeApiServer],
})
export class ApiGatewayModule {}
