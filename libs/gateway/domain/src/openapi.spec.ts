import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { access, isWrite, type ApiRouteDoc } from './api-route.js';
import { openApiDocument, openApiPath } from './openapi.js';

const read: ApiRouteDoc = { method: 'GET', path: '/api/v1/audiences', summary: 'list', tag: 'audiences' };
const estimate: ApiRouteDoc = {
  method: 'POST',
  path: '/api/v1/audiences/estimate',
  summary: 'estimate',
  tag: 'audiences',
  write: false,
  body: z.object({ rule: z.unknown() }),
};
const update: ApiRouteDoc = {
  method: 'PUT',
  path: '/api/v1/audiences/:audience',
  summary: 'update',
  tag: 'audiences',
  body: z.object({ rule: z.unknown() }),
  response: z.object({ id: z.string().uuid(), size: z.number().int() }),
};
const audit: ApiRouteDoc = {
  method: 'GET',
  path: '/api/v1/audit',
  summary: 'log',
  tag: 'admin',
  adminOnly: true,
};

describe('access', () => {
  it('lets analysts read (and estimate), never write or see admin resources; admins do everything', () => {
    expect(access('analyst', read)).toEqual({ allowed: true });
    expect(access('analyst', estimate)).toEqual({ allowed: true });
    expect(access('analyst', update)).toEqual({
      allowed: false,
      reason: 'the analyst role is read-only: PUT /api/v1/audiences/:audience needs admin',
    });
    expect(access('analyst', audit)).toMatchObject({ allowed: false });
    for (const route of [read, estimate, update, audit])
      expect(access('admin', route)).toEqual({ allowed: true });
    expect([read, estimate, update].map(isWrite)).toEqual([false, false, true]);
  });
});

describe('openApiDocument', () => {
  it('turns route patterns into OpenAPI paths with their parameters', () => {
    expect(openApiPath('/api/v1/partners/:partner/keys/:keyId')).toEqual({
      path: '/api/v1/partners/{partner}/keys/{keyId}',
      params: ['partner', 'keyId'],
    });
  });

  it('documents each route: parameters, JSON bodies and answers from the schemas, errors, access', () => {
    const doc = openApiDocument(
      [
        read,
        estimate,
        update,
        { ...read, path: '/api/v1/members', query: z.object({ limit: z.number().int() }) },
      ],
      { title: 't', version: '1', description: 'd' },
    ) as { openapi: string; paths: Record<string, Record<string, Record<string, unknown>>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual([
      '/api/v1/audiences',
      '/api/v1/audiences/estimate',
      '/api/v1/audiences/{audience}',
      '/api/v1/members',
    ]);
    const put = doc.paths['/api/v1/audiences/{audience}']?.['put'] as Record<string, unknown>;
    expect(put['parameters']).toEqual([
      { name: 'audience', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(put['x-cdp-access']).toBe('admin (write, audited)');
    expect(JSON.stringify(put['requestBody'])).toContain('"rule"');
    const ok = (put['responses'] as Record<string, { content: { 'application/json': { schema: unknown } } }>)[
      '200'
    ];
    expect(ok?.content['application/json'].schema).toMatchObject({
      type: 'object',
      properties: { id: { type: 'string', format: 'uuid' }, size: { type: 'integer' } },
    });
    expect(Object.keys(put['responses'] as object)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '429',
      '503',
    ]);
    expect(doc.paths['/api/v1/members']?.['get']?.['parameters']).toEqual([
      expect.objectContaining({
        name: 'limit',
        in: 'query',
        required: true,
        schema: expect.objectContaining({ type: 'integer' }),
      }),
    ]);
    expect(doc.paths['/api/v1/audiences/estimate']?.['post']?.['x-cdp-access']).toBe('admin, analyst');
  });
});
