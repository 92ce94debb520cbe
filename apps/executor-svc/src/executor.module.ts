import { Module } from '@nestjs/common';

/** Applies Works in member clusters, reflects their status and repairs drift. */
@Module({})
export class ExecutorModule {}
