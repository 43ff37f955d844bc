import { z } from 'zod';
import { isWrite, type ApiRouteDoc } from './api-route.js';

type JsonSchema = Record<string, unknown>;

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
}

/** JSON Schema of a zod schema, as OpenAPI 3.1 takes it (transforms and the like become `{}`). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'object' },
      },
    },
  },
};

function errorResponses(route: ApiRouteDoc): Record<string, JsonSchema> {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  return {
    '400': error('the request is invalid: the message names each wrong field'),
    ...(route.public
      ? {}
      : {
          '401': error('no valid API key or console session'),
          '403': error('the role may not do this (analysts are read-only)'),
        }),
    '404': error('not found'),
    '429': error('rate limited: see Retry-After'),
    '503': error('the service that answers this is not running or did not answer in time'),
  };
}

/** `/api/v1/audiences/:id` → `/api/v1/audiences/{id}` and the parameter names. */
export function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: converted, params };
}

function queryParameters(schema: z.ZodType | undefined): JsonSchema[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input');
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
    ...(typeof property['description'] === 'string' ? { description: property['description'] } : {}),
  }));
}

/** The OpenAPI 3.1 document of `routes`: every route, its parameters, body, answer and errors. */
export function openApiDocument(routes: readonly ApiRouteDoc[], info: OpenApiInfo): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const { path, params } = openApiPath(route.path);
    const operation: JsonSchema = {
      operationId: `${route.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
      summary: route.summary,
      tags: [route.tag],
      ...(route.public ? { security: [] } : {}),
      'x-cdp-access': route.public
        ? 'public'
        : route.adminOnly
          ? 'admin'
          : isWrite(route)
            ? 'admin (write, audited)'
            : 'admin, analyst',
      parameters: [
        ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
        ...queryParameters(route.query),
      ],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchemaOf(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        '200': {
          description: 'OK',
          content: {
            'application/json': { schema: route.response ? jsonSchemaOf(route.response, 'output') : {} },
          },
        },
        ...errorResponses(route),
      },
    };
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }, { session: [] }],
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An admin API key (`Authorization: Bearer cdp_...`); `X-API-Key` works too',
        },
        session: { type: 'apiKey', in: 'cookie', name: 'cdp_session', description: 'The console login' },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
    paths,
  };
}
