import { ConfigError, parseEnv } from '@cdp/shared/util-config';
import { describe, expect, it } from 'vitest';
import { envSchema } from './config/env.schema.js';
import { messagingLine, serviceSource } from './platform.js';

const NATS_URL = 'nats://127.0.0.1:4222';
const DATABASE_URL = 'postgres://cdp@127.0.0.1:5432/cdp';

describe('the platform with NATS_NAMESPACE', () => {
  it('names the namespace in the messaging line', () => {
    const env = parseEnv('platform', envSchema, { NATS_URL, NATS_NAMESPACE: 'suite-1' });
    expect(messagingLine(env)).toBe(`Messaging: JetStream at ${NATS_URL} (namespace suite-1)`);
    expect(messagingLine(parseEnv('platform', envSchema, { NATS_URL }))).toBe(
      `Messaging: JetStream at ${NATS_URL}`,
    );
  });

  it('starts every service with the namespace it parsed, and with none when it is blank', () => {
    const source = { NATS_URL, NATS_NAMESPACE: ' suite-1 ' };
    const env = parseEnv('platform', envSchema, source);
    expect(serviceSource(source, env, DATABASE_URL, 'identity')).toMatchObject({
      NATS_URL,
      NATS_NAMESPACE: 'suite-1',
      DATABASE_URL,
      PORT: '3002',
    });

    const blank = { NATS_URL, NATS_NAMESPACE: '  ' };
    const unset = serviceSource(blank, parseEnv('platform', envSchema, blank), DATABASE_URL, 'identity');
    expect(unset.NATS_NAMESPACE).toBeUndefined();
  });

  it('refuses to start with a bad NATS_NAMESPACE, naming it', () => {
    expect(() => parseEnv('platform', envSchema, { NATS_URL, NATS_NAMESPACE: 'Suite.1' })).toThrow(
      ConfigError,
    );
    expect(() => parseEnv('platform', envSchema, { NATS_URL, NATS_NAMESPACE: 'Suite.1' })).toThrow(
      /NATS_NAMESPACE must be 1 to 32 of a-z/,
    );
  });
});

describe('the platform and the gateway', () => {
  it('tells the gateway where each service listens, unless the operator said so', () => {
    const source = { GATEWAY_PORT: '4000', FEATURE_STORE_PORT: '4003' };
    const env = parseEnv('platform', envSchema, source);
    const urls = serviceSource(source, env, DATABASE_URL, 'gateway').GATEWAY_SERVICE_URLS ?? '';
    expect(urls.split(',')).toEqual(
      expect.arrayContaining([
        'gateway=http://127.0.0.1:4000',
        'feature-store=http://127.0.0.1:4003',
        'identity=http://127.0.0.1:3002',
      ]),
    );
    const given = { GATEWAY_SERVICE_URLS: 'identity=http://identity:3000' };
    expect(
      serviceSource(given, parseEnv('platform', envSchema, given), DATABASE_URL, 'gateway')
        .GATEWAY_SERVICE_URLS,
    ).toBe('identity=http://identity:3000');
  });
});

describe('the platform with CDP_DEMO', () => {
  it('loads the demo unless told false, and refuses anything but true or false, naming it', () => {
    expect(parseEnv('platform', envSchema, {}).CDP_DEMO).toBe(true);
    expect(parseEnv('platform', envSchema, { CDP_DEMO: 'false' }).CDP_DEMO).toBe(false);
    expect(() => parseEnv('platform', envSchema, { CDP_DEMO: 'no' })).toThrow(
      /CDP_DEMO must be true or false/,
    );
  });
});
