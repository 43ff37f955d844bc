import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Role = 'admin' | 'analyst';

/** What one admin API route is, for access control and the OpenAPI document. */
export interface ApiRouteDoc {
  method: HttpMethod;
  /** Fastify pattern: `/api/v1/audiences/:id`. */
  path: string;
  summary: string;
  /** The OpenAPI tag (the console page or resource it belongs to). */
  tag: string;
  /** A write: audited, and refused to analysts. Defaults to every method but GET. */
  write?: boolean;
  /** Only admins, even to read (API keys, users, the audit log). */
  adminOnly?: boolean;
  /** No principal needed (the login itself). */
  public?: boolean;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
}

export function isWrite(route: Pick<ApiRouteDoc, 'method' | 'write'>): boolean {
  return route.write ?? route.method !== 'GET';
}

/**
 * Whether `role` may call `route`: admins everything; analysts read, except the admin-only
 * resources. The reason is what a 403 says.
 */
export function access(
  role: Role,
  route: ApiRouteDoc,
): { allowed: true } | { allowed: false; reason: string } {
  if (role === 'admin' || route.public) return { allowed: true };
  if (route.adminOnly) return { allowed: false, reason: `${route.method} ${route.path} is for admins only` };
  if (isWrite(route)) {
    return {
      allowed: false,
      reason: `the analyst role is read-only: ${route.method} ${route.path} needs admin`,
    };
  }
  return { allowed: true };
}
