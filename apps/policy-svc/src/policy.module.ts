import { Module } from '@nestjs/common';

/** The resource detector: matches templates to propagation policies and produces bindings. */
@Module({})
export class PolicyModule {}
