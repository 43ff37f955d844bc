import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { correlationIdFrom, currentCorrelationId, withCorrelationId } from './correlation.js';
import { createLogger, redactUrl, type Logger } from './logger.js';
import { PinoNestLogger } from './nest-logger.js';

type Line = Record<string, unknown>;

/** A logger whose lines the test reads back, parsed. */
function capturingLogger(level = 'info'): { logger: Logger; lines: () => Line[]; raw: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ service: 'ingestion', level, destination });
  return {
    logger,
    raw: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Line),
  };
}

const PINO_LEVEL = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

describe('createLogger', () => {
  it('writes one JSON object a line with the service name, level, time and message', () => {
    const { logger, lines, raw } = capturingLogger();
    logger.info({ sourceId: 's-1' }, 'source created');
    logger.warn('slow query');

    expect(raw().trim().split('\n')).toHaveLength(2);
    const [first, second] = lines();
    expect(first).toMatchObject({ service: 'ingestion', level: 30, msg: 'source created', sourceId: 's-1' });
    expect(new Date(String(first?.['time'])).toISOString()).toBe(first?.['time']);
    expect(second).toMatchObject({ service: 'ingestion', level: 40, msg: 'slow query' });
  });

  it('drops lines below its level', () => {
    const { logger, lines } = capturingLogger('warn');
    logger.info('not shown');
    logger.error('shown');
    expect(lines().map((l) => l['msg'])).toEqual(['shown']);
  });

  it('puts the correlation id on every line inside withCorrelationId, across awaits, and only there', async () => {
    const { logger, lines } = capturingLogger();
    logger.info('before');
    await withCorrelationId('req-42', async () => {
      logger.info('start');
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.child({ component: 'repository' }).info('after await');
      await Promise.resolve();
      logger.info('end');
    });
    logger.info('after');

    expect(lines().map((l) => [l['msg'], l['correlationId']])).toEqual([
      ['before', undefined],
      ['start', 'req-42'],
      ['after await', 'req-42'],
      ['end', 'req-42'],
      ['after', undefined],
    ]);
  });

  it('keeps the ids of concurrent flows apart', async () => {
    const { logger, lines } = capturingLogger();
    const flow = (id: string, delay: number) =>
      withCorrelationId(id, async () => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        logger.info({ flow: id }, 'done');
      });
    await Promise.all([flow('a', 10), flow('b', 1)]);
    for (const line of lines()) expect(line['correlationId']).toBe(line['flow']);
    expect(lines()).toHaveLength(2);
  });

  it('redacts credentials in request headers', () => {
    const { logger, lines, raw } = capturingLogger();
    logger.info(
      {
        req: {
          method: 'POST',
          headers: {
            authorization: 'Bearer eyJ-secret-token',
            cookie: 'session=cookie-secret',
            'x-api-key': 'api-key-secret',
            'content-type': 'application/json',
          },
        },
      },
      'request',
    );
    const headers = (lines()[0]?.['req'] as { headers: Record<string, string> }).headers;
    expect(headers).toEqual({
      authorization: '[redacted]',
      cookie: '[redacted]',
      'x-api-key': '[redacted]',
      'content-type': 'application/json',
    });
    expect(raw()).not.toMatch(/eyJ-secret-token|cookie-secret|api-key-secret/);
  });

  it('redacts password, writeKey and friends one level down, keeping the other fields', () => {
    const { logger, lines, raw } = capturingLogger();
    logger.info(
      {
        source: { id: 's-1', writeKey: 'wk_live_secret' },
        user: { name: 'ada', password: 'hunter2' },
        config: { databaseUrl: 'postgres://u:pw-secret@h/db', token: 'tok-secret' },
      },
      'loaded',
    );
    const [line] = lines();
    expect(line).toMatchObject({
      source: { id: 's-1', writeKey: '[redacted]' },
      user: { name: 'ada', password: '[redacted]' },
      config: { databaseUrl: '[redacted]', token: '[redacted]' },
    });
    expect(raw()).not.toMatch(/wk_live_secret|hunter2|pw-secret|tok-secret/);
  });

  it('redacts a secret logged as a top-level field', () => {
    // `*.writeKey` and the like match one level down only: top-level secrets need their own paths.
    const { logger, raw } = capturingLogger();
    logger.info({ writeKey: 'wk_live_top_level', password: 'hunter2-top-level' }, 'source created');
    expect(raw()).not.toContain('wk_live_top_level');
    expect(raw()).not.toContain('hunter2-top-level');
  });
});

describe('correlationIdFrom', () => {
  it('keeps a sane id the caller sent', () => {
    expect(correlationIdFrom('corr-123')).toBe('corr-123');
    expect(correlationIdFrom('7f0c2b1e-4a9d-4b7e-9a43-1d2f3c4b5a69')).toBe(
      '7f0c2b1e-4a9d-4b7e-9a43-1d2f3c4b5a69',
    );
    expect(correlationIdFrom('trace:1.2_3')).toBe('trace:1.2_3');
    expect(correlationIdFrom('x'.repeat(128))).toBe('x'.repeat(128));
  });

  it('takes the first of a repeated header', () => {
    expect(correlationIdFrom(['first-id', 'second-id'])).toBe('first-id');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['with spaces', 'hello world'],
    ['with a newline (log injection)', 'id\n{"level":60}'],
    ['with quotes', '"><script>'],
    ['over 128 characters', 'x'.repeat(129)],
    ['not a string', 12345],
  ])('replaces an id that is %s with a fresh UUID', (_case, value) => {
    const id = correlationIdFrom(value);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(correlationIdFrom(value)).not.toBe(id);
  });

  it('is visible through currentCorrelationId only inside its flow', () => {
    expect(currentCorrelationId()).toBeUndefined();
    expect(withCorrelationId('inner', () => currentCorrelationId())).toBe('inner');
    expect(currentCorrelationId()).toBeUndefined();
  });
});

describe('redactUrl', () => {
  it('hides the password and keeps the rest of the URL', () => {
    const shown = redactUrl('postgres://cdp:s3cr3t-pw@db.internal:5432/cdp?sslmode=require');
    expect(shown).not.toContain('s3cr3t-pw');
    expect(shown).toBe('postgres://cdp:***@db.internal:5432/cdp?sslmode=require');
  });

  it('leaves a URL without a password as it is', () => {
    expect(redactUrl('postgres://cdp@127.0.0.1:5432/cdp')).toBe('postgres://cdp@127.0.0.1:5432/cdp');
  });

  it('shows nothing of a value it cannot parse, since it may hold a password', () => {
    expect(redactUrl('not a url with password hunter2')).toBe('[unparseable url]');
    expect(redactUrl('//cdp:hunter2@db:5432/cdp')).toBe('[unparseable url]');
  });
});

describe('PinoNestLogger', () => {
  function nestLogger(): { nest: PinoNestLogger; lines: () => Line[] } {
    const { logger, lines } = capturingLogger('trace');
    return { nest: new PinoNestLogger(logger), lines };
  }

  it('maps each Nest method to its pino level and keeps the context apart from the message', () => {
    const { nest, lines } = nestLogger();
    nest.log('Mapped {/probe, GET} route', 'RouterExplorer');
    nest.warn('deprecated option', 'NestFactory');
    nest.debug('resolved', 'InstanceLoader');
    nest.verbose('details', 'InstanceLoader');
    nest.fatal('cannot continue', 'NestApplication');

    expect(lines().map((l) => [l['level'], l['msg'], l['context']])).toEqual([
      [PINO_LEVEL.info, 'Mapped {/probe, GET} route', 'RouterExplorer'],
      [PINO_LEVEL.warn, 'deprecated option', 'NestFactory'],
      [PINO_LEVEL.debug, 'resolved', 'InstanceLoader'],
      [PINO_LEVEL.trace, 'details', 'InstanceLoader'],
      [PINO_LEVEL.fatal, 'cannot continue', 'NestApplication'],
    ]);
    expect(lines().every((l) => l['service'] === 'ingestion')).toBe(true);
  });

  it('writes a message without a context', () => {
    const { nest, lines } = nestLogger();
    nest.log('plain message');
    expect(lines()[0]).toMatchObject({ level: PINO_LEVEL.info, msg: 'plain message' });
    expect(lines()[0]).not.toHaveProperty('context');
  });

  it('logs an Error object with its message and stack under err', () => {
    const { nest, lines } = nestLogger();
    nest.error(new Error('connection refused'), 'ExceptionsHandler');
    const line = lines()[0];
    expect(line).toMatchObject({
      level: PINO_LEVEL.error,
      msg: 'connection refused',
      context: 'ExceptionsHandler',
      err: { type: 'Error', message: 'connection refused' },
    });
    expect((line?.['err'] as { stack: string }).stack).toContain('connection refused');
  });

  it('keeps the stack Nest passes to error() before the context', () => {
    const { nest, lines } = nestLogger();
    const stack = 'Error: boom\n    at Handler.run (handler.ts:10:5)';
    nest.error('request failed', stack, 'ExceptionsHandler');
    expect(lines()[0]).toMatchObject({
      level: PINO_LEVEL.error,
      msg: 'request failed',
      stack,
      context: 'ExceptionsHandler',
    });
  });

  it('keeps the stack of error(message, stack) from a Logger without a context', () => {
    // `new Logger().error('request failed', err.stack)`: Nest's ConsoleLogger reads message + stack.
    const { nest, lines } = nestLogger();
    const stack = 'Error: boom\n    at Handler.run (handler.ts:10:5)';
    nest.error('request failed', stack);
    expect(lines()[0]).toMatchObject({ level: PINO_LEVEL.error, msg: 'request failed', stack });
    expect(lines()[0]?.['context']).not.toBe(stack);
  });

  it('spreads an object message into the line', () => {
    const { nest, lines } = nestLogger();
    nest.warn({ msg: 'pool exhausted', waiting: 3 }, 'DbModule');
    expect(lines()[0]).toMatchObject({
      level: PINO_LEVEL.warn,
      msg: 'pool exhausted',
      waiting: 3,
      context: 'DbModule',
    });
  });

  it('redacts secrets in what Nest passes through', () => {
    const { nest, lines } = nestLogger();
    nest.log({ msg: 'source', source: { writeKey: 'wk_secret_nest' } }, 'SourcesService');
    expect(JSON.stringify(lines())).not.toContain('wk_secret_nest');
  });
});
