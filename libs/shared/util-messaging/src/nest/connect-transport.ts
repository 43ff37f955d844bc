import { Catch, type ArgumentsHost, type INestApplication, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import type { Bus } from '../bus.js';
import { CdpTransport } from './cdp-transport.js';

/**
 * Nest's default RPC filter turns every error into `{ status: 'error', message }`, which would
 * lose a BusError's code and a PermanentError's meaning. Our transport decides what an error
 * means (retry, dead-letter, `{ error: { code } }` reply), so errors pass through unchanged.
 */
@Catch()
export class PassThroughRpcFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** Binds the app's `@OnEvent` / `@OnEventBatch` / `@OnRequest` handlers to `bus`. */
export async function connectCdpTransport(app: INestApplication, bus: Bus, service: string): Promise<void> {
  // Deferred, so the handlers are bound after the filter is in place.
  const microservice = app.connectMicroservice(
    { strategy: new CdpTransport(bus, service) },
    { deferInitialization: true },
  );
  microservice.useGlobalFilters(new PassThroughRpcFilter());
  await app.startAllMicroservices();
}
