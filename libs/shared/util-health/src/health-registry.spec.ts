import { describe, expect, it } from 'vitest';
import { HealthRegistry } from './health-registry.js';

const up = async (): Promise<void> => undefined;
const hang = (): Promise<void> => new Promise<void>(() => undefined);

describe('HealthRegistry', () => {
  it('is ready when every check passes, reporting each one as up', async () => {
    const registry = new HealthRegistry();
    registry.setService('ingestion');
    registry.register('database', up);
    registry.register('bus', up);

    const report = await registry.readiness();
    expect(report).toMatchObject({
      status: 'ready',
      service: 'ingestion',
      checks: { database: { status: 'up' }, bus: { status: 'up' } },
    });
    expect(report.checks['database']?.error).toBeUndefined();
    expect(report.checks['database']?.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('is ready with no checks registered', async () => {
    expect((await new HealthRegistry().readiness()).status).toBe('ready');
  });

  it('is not ready when one check fails, naming it and its error, and keeps the others up', async () => {
    const registry = new HealthRegistry();
    registry.register('database', async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    });
    registry.register('bus', up);

    const report = await registry.readiness();
    expect(report.status).toBe('not_ready');
    expect(report.checks['database']).toMatchObject({
      status: 'down',
      error: 'connect ECONNREFUSED 127.0.0.1:5432',
    });
    expect(report.checks['bus']).toMatchObject({ status: 'up' });
  });

  it('reports a check that throws synchronously or rejects with a non-Error as down', async () => {
    const registry = new HealthRegistry();
    registry.register('sync', () => {
      throw new Error('not configured');
    });
    registry.register('string', () => Promise.reject('bus closed'));

    const report = await registry.readiness();
    expect(report.status).toBe('not_ready');
    expect(report.checks['sync']).toMatchObject({ status: 'down', error: 'not configured' });
    expect(report.checks['string']).toMatchObject({ status: 'down', error: 'bus closed' });
  });

  it('times out a hanging check instead of hanging readiness, without holding up the others', async () => {
    const registry = new HealthRegistry();
    registry.register('database', hang);
    registry.register('bus', up);

    const started = performance.now();
    const report = await registry.readiness(50);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(report.status).toBe('not_ready');
    expect(report.checks['database']).toMatchObject({ status: 'down', error: 'no answer within 50 ms' });
    expect(report.checks['database']?.latency_ms).toBeGreaterThanOrEqual(45);
    expect(report.checks['bus']).toMatchObject({ status: 'up' });
  });

  it('keeps the last check registered under a name', async () => {
    const registry = new HealthRegistry();
    registry.register('database', () => Promise.reject(new Error('old check')));
    registry.register('database', up);
    const report = await registry.readiness();
    expect(report.status).toBe('ready');
    expect(Object.keys(report.checks)).toEqual(['database']);
  });

  it('says shutting_down after markShuttingDown even while every check passes', async () => {
    const registry = new HealthRegistry();
    registry.register('database', up);
    expect((await registry.readiness()).status).toBe('ready');

    registry.markShuttingDown();
    const report = await registry.readiness();
    expect(report.status).toBe('shutting_down');
    expect(report.checks['database']).toMatchObject({ status: 'up' });
  });

  it('says shutting_down rather than not_ready when a check also fails during shutdown', async () => {
    const registry = new HealthRegistry();
    registry.register('database', () => Promise.reject(new Error('pool closed')));
    registry.markShuttingDown();
    expect((await registry.readiness()).status).toBe('shutting_down');
  });
});
