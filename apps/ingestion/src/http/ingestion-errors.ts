import { HttpException } from '@nestjs/common';
import type { NormalizeError } from '@cdp/ingestion/domain';

/**
 * What a client did wrong, as JSON: `{ code, message, errors: [{ index, field, message }] }`.
 * `index` is the event's position in the batch (null for the request as a whole).
 */
export class IngestionError extends HttpException {
  constructor(
    status: number,
    code: 'VALIDATION_FAILED' | 'UNAUTHORIZED' | 'CONFLICT' | 'UNSUPPORTED',
    message: string,
    errors: NormalizeError[] = [],
  ) {
    super({ code, message, ...(errors.length > 0 ? { errors } : {}) }, status);
  }
}

export function invalidRequest(errors: NormalizeError[]): IngestionError {
  const first = errors[0];
  const where = first ? (first.index === null ? first.field : `${first.field} (event ${first.index})`) : '$';
  const more = errors.length > 1 ? ` and ${errors.length - 1} more` : '';
  return new IngestionError(
    400,
    'VALIDATION_FAILED',
    `invalid request: ${where}: ${first?.message ?? 'invalid'}${more}`,
    errors,
  );
}

export function unauthorized(message: string): IngestionError {
  return new IngestionError(401, 'UNAUTHORIZED', message);
}
