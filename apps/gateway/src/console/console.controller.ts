import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Controller, Inject, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import { firstBootstrap, SERVICE_ENV } from '@cdp/shared/util-service';
import type { FastifyInstance } from 'fastify';
import type { GatewayEnv } from '../config/env.schema.js';

/** The built console: GATEWAY_CONSOLE_DIR, else dist/apps/console next to this build (or the cwd's). */
export function consoleDir(configured: string | undefined): string | undefined {
  const candidates = configured
    ? [resolve(configured)]
    : [
        fileURLToPath(new URL('../../../console/', import.meta.url)),
        resolve(process.cwd(), 'dist/apps/console'),
      ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/** Serves the ops console (a single-page app with hash routes) at `/`, its assets under /assets/. */
@Controller()
export class ConsoleController implements OnModuleInit {
  constructor(
    private readonly http: HttpAdapterHost,
    @Inject(SERVICE_ENV) private readonly env: GatewayEnv,
  ) {}

  onModuleInit(): void {
    if (!firstBootstrap(this)) return;
    const fastify = this.http.httpAdapter.getInstance<FastifyInstance>();
    const root = consoleDir(this.env.GATEWAY_CONSOLE_DIR);
    if (!root) {
      fastify.get('/', (_request, reply) => {
        void reply.code(503).send({
          error: {
            code: 'UNAVAILABLE',
            message: 'the console is not built: run npm run build (or set GATEWAY_CONSOLE_DIR)',
          },
        });
      });
      return;
    }
    void fastify.register(fastifyStatic, {
      root,
      prefix: '/',
      index: ['index.html'],
      wildcard: false,
      // Hashed asset names never change content; index.html must be fetched fresh to find new ones.
      setHeaders: (res, path) => {
        void res.header(
          'cache-control',
          path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        );
      },
    });
  }
}
