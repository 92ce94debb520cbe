import { Module } from '@nestjs/common';

/** Member cluster lifecycle: health, capacity, API enablements and controller taints. */
@Module({})
export class ClusterModule {}
