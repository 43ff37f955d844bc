import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv, serviceEnvShape, type EnvSource } from './env.js';

const schema = z.object(serviceEnvShape(3001));
const GOOD_URL = 'postgres://cdp:s3cret@127.0.0.1:5432/cdp';

/** Runs parseEnv and returns the ConfigError it must throw. */
function configErrorFor(source: EnvSource): ConfigError {
  try {
    parseEnv('ingestion', schema, source);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('parseEnv accepted an environment it should have rejected');
}

function problemOf(error: ConfigError, variable: string): string | undefined {
  return error.problems.find((p) => p.variable === variable)?.problem;
}

describe('parseEnv', () => {
  it('names a missing variable as required, with the scope it belongs to', () => {
    const error = configErrorFor({});
    expect(error.name).toBe('ConfigError');
    expect(error.scope).toBe('ingestion');
    expect(error.message).toContain('Invalid configuration for ingestion');
    expect(error.message).toContain('DATABASE_URL is required but not set');
    expect(error.problems).toEqual([{ variable: 'DATABASE_URL', problem: 'is required but not set' }]);
  });

  it.each([
    ['abc', 'must be a number'],
    ['70000', 'must be between 0 and 65535'],
    ['-1', 'must be between 0 and 65535'],
    ['80.5', 'must be a whole number'],
  ])('rejects PORT=%s saying what is wrong and what it got', (value, problem) => {
    const error = configErrorFor({ DATABASE_URL: GOOD_URL, PORT: value });
    expect(error.problems.map((p) => p.variable)).toEqual(['PORT']);
    expect(problemOf(error, 'PORT')).toContain(problem);
    expect(problemOf(error, 'PORT')).toContain(`(got "${value}")`);
    expect(error.message).toContain(`PORT ${problem}`);
  });

  it('rejects a DATABASE_URL that is not a PostgreSQL URL', () => {
    const error = configErrorFor({ DATABASE_URL: 'mysql://cdp@db.internal:3306/cdp' });
    expect(problemOf(error, 'DATABASE_URL')).toContain('must be a postgres:// or postgresql:// URL');
    expect(problemOf(error, 'DATABASE_URL')).toContain('mysql://cdp@db.internal:3306/cdp');
  });

  it('rejects a DATABASE_URL that is not a URL at all', () => {
    const error = configErrorFor({ DATABASE_URL: 'localhost:5432/cdp' });
    expect(problemOf(error, 'DATABASE_URL')).toContain('must be a postgres:// or postgresql:// URL');
  });

  it('never echoes the password of a DATABASE_URL in the error', () => {
    const error = configErrorFor({ DATABASE_URL: 'mysql://cdp:hunter2-very-secret@db.internal:3306/cdp' });
    expect(error.message).not.toContain('hunter2-very-secret');
    expect(JSON.stringify(error.problems)).not.toContain('hunter2-very-secret');
    // The shape stays visible so the operator can see what is wrong with it.
    expect(error.message).toContain('mysql://cdp:***@db.internal:3306/cdp');
  });

  it('shows nothing of a secret that is not a URL', () => {
    const shape = z.object({ API_TOKEN: z.string().min(20, 'must be at least 20 characters') });
    try {
      parseEnv('gateway', shape, { API_TOKEN: 'short-token' });
      expect.unreachable('parseEnv accepted a short token');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain('API_TOKEN must be at least 20 characters');
      expect((error as ConfigError).message).not.toContain('short-token');
    }
  });

  it('reports every problem at once, each naming its variable', () => {
    const error = configErrorFor({ PORT: 'abc', LOG_LEVEL: 'loud', DB_POOL_MAX: '0' });
    expect(error.problems.map((p) => p.variable).sort()).toEqual([
      'DATABASE_URL',
      'DB_POOL_MAX',
      'LOG_LEVEL',
      'PORT',
    ]);
    for (const variable of ['DATABASE_URL', 'DB_POOL_MAX', 'LOG_LEVEL', 'PORT']) {
      expect(error.message).toContain(`${variable} `);
    }
    expect(problemOf(error, 'LOG_LEVEL')).toContain('(got "loud")');
  });

  it("applies the defaults, including the service's own port", () => {
    const env = parseEnv('ingestion', schema, { DATABASE_URL: GOOD_URL });
    expect(env).toEqual({
      DATABASE_URL: GOOD_URL,
      PORT: 3001,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DB_POOL_MAX: 10,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      SHUTDOWN_DELAY_MS: 0,
    });
  });

  it('converts numbers and keeps explicit values over the defaults', () => {
    const env = parseEnv('ingestion', schema, {
      DATABASE_URL: `  ${GOOD_URL}  `,
      PORT: '8080',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'debug',
      DB_POOL_MAX: '3',
      SHUTDOWN_TIMEOUT_MS: '0',
    });
    expect(env).toEqual({
      DATABASE_URL: GOOD_URL,
      PORT: 8080,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'debug',
      DB_POOL_MAX: 3,
      SHUTDOWN_TIMEOUT_MS: 0,
      SHUTDOWN_DELAY_MS: 0,
    });
  });

  it('treats an empty or blank value as unset: the default applies, a required one is missing', () => {
    const env = parseEnv('ingestion', schema, { DATABASE_URL: GOOD_URL, PORT: '', LOG_LEVEL: '   ' });
    expect(env.PORT).toBe(3001);
    expect(env.LOG_LEVEL).toBe('info');

    const error = configErrorFor({ DATABASE_URL: '' });
    expect(error.problems).toEqual([{ variable: 'DATABASE_URL', problem: 'is required but not set' }]);
  });

  it('accepts a NATS_NAMESPACE of lowercase letters, digits, _ and -, and leaves a blank one unset', () => {
    expect(
      parseEnv('ingestion', schema, { DATABASE_URL: GOOD_URL, NATS_NAMESPACE: ' e2e_run-7 ' }),
    ).toMatchObject({ NATS_NAMESPACE: 'e2e_run-7' });
    const blank = parseEnv('ingestion', schema, { DATABASE_URL: GOOD_URL, NATS_NAMESPACE: '' });
    expect(blank.NATS_NAMESPACE).toBeUndefined();
  });

  it.each([
    ['Suite1', 'must be 1 to 32 of a-z, 0-9, _ and -, starting with a letter or digit'],
    ['suite.one', 'must be 1 to 32 of a-z, 0-9, _ and -, starting with a letter or digit'],
    ['_suite', 'must be 1 to 32 of a-z, 0-9, _ and -, starting with a letter or digit'],
    ['s'.repeat(33), 'must be 1 to 32 of a-z, 0-9, _ and -, starting with a letter or digit'],
    ['cdp', `must not be "cdp": the platform's own subjects start with it`],
  ])('rejects NATS_NAMESPACE=%s saying what is wrong', (value, problem) => {
    const error = configErrorFor({ DATABASE_URL: GOOD_URL, NATS_NAMESPACE: value });
    expect(error.problems).toEqual([{ variable: 'NATS_NAMESPACE', problem: `${problem} (got "${value}")` }]);
    expect(error.message).toContain(`NATS_NAMESPACE ${problem}`);
  });

  it('reads the JetStream stream replicas, the ack wait and the fault injection', () => {
    expect(
      parseEnv('identity', schema, {
        DATABASE_URL: GOOD_URL,
        NATS_STREAM_REPLICAS: '3',
        NATS_ACK_WAIT_MS: '5000',
        FAULT_KILL_BEFORE_ACK: 'feature-store:12',
      }),
    ).toMatchObject({
      NATS_STREAM_REPLICAS: 3,
      NATS_ACK_WAIT_MS: 5_000,
      FAULT_KILL_BEFORE_ACK: { durable: 'feature-store', after: 12 },
    });
  });

  it.each([
    ['NATS_STREAM_REPLICAS', '7', 'must be between 1 and 5'],
    ['NATS_ACK_WAIT_MS', '10', 'must be at least 1000'],
    ['FAULT_KILL_BEFORE_ACK', 'identity', 'must be <durable>:<n>, e.g. identity:3'],
    ['FAULT_KILL_BEFORE_ACK', 'identity:0', 'must be <durable>:<n>, e.g. identity:3'],
  ])('rejects %s=%s saying what is wrong', (variable, value, problem) => {
    const error = configErrorFor({ DATABASE_URL: GOOD_URL, [variable]: value });
    expect(error.problems).toEqual([{ variable, problem: `${problem} (got "${value}")` }]);
  });

  it('ignores variables the schema does not name', () => {
    const env = parseEnv('ingestion', schema, { DATABASE_URL: GOOD_URL, PATH: '/usr/bin', PORT_X: 'abc' });
    expect(env).not.toHaveProperty('PATH');
    expect(env).not.toHaveProperty('PORT_X');
  });
});
