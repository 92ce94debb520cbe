import { Module } from '@nestjs/common';

/** Renders one Work per target cluster with overrides applied, and aggregates status. */
@Module({})
export class BindingModule {}
