import { Module } from '@nestjs/common';

/** Kubernetes-style REST API for kubectl: writes become events, reads come from projections. */
@Module({})
export class ApiGatewayModule {}
