import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `read` in one snapshot of the read models: a REPEATABLE READ, READ ONLY transaction, begun in one statement
 * (TypeORM's transaction() takes two: START TRANSACTION, then SET TRANSACTION). Rows and checkpoints commit together
 * (ProjectionRunner), so a snapshot sees every consumer's projections as of whole batches.
 */
export async function readSnapshot<T>(dataSource: DataSource, read: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  let open = false;
  try {
    await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    open = true;
    const result = await read(runner.manager);
    open = false;
    await runner.query('COMMIT');
    return result;
  } catch (error) {
    if (open) await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
