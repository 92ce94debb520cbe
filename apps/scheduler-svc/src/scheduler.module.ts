import { Module } from '@nestjs/common';

/** Placement: filters, scores and divides replicas, and publishes placement decisions. */
@Module({})
export class SchedulerModule {}
