import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { httpStatusFor } from '@cdp/shared/contracts';
import { BusError } from '@cdp/shared/util-messaging';

/**
 * A BusError reaching an HTTP handler becomes `{ code, message, details }` with the status its
 * code maps to: TIMEOUT and NO_RESPONDERS (a service that did not answer) are 503, not 500.
 */
@Catch(BusError)
export class BusErrorHttpFilter implements ExceptionFilter<BusError> {
  catch(error: BusError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<{
      status(code: number): unknown;
      header(name: string, value: string): unknown;
      send(body: unknown): unknown;
    }>();
    const code = error.code === 'PUBLISH_FAILED' ? 'UNAVAILABLE' : error.code;
    const status = httpStatusFor(code);
    reply.status(status);
    if (status === 503 || status === 429) reply.header('retry-after', '1');
    reply.send({ code, message: error.message, ...(error.details ? { details: error.details } : {}) });
  }
}
