import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Hands a handler's exception to the transport unchanged. Without it, Nest's default RPC filter logs the error
 * and replaces it with `{ status: 'error', message: 'Internal server error' }`, so the JetStream transport's logs and
 * dead letters would lose the real message and stack. Install it for the microservice:
 * `app.useGlobalFilters(new PropagateHandlerErrorsFilter())`; in a hybrid app connect the microservice with
 * `{ inheritAppConfig: true }` so the global filter applies to it.
 */
@Catch()
export class PropagateHandlerErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
