import type { FastifyInstance } from 'fastify';

/**
 * Form bodies as providers send them: Twilio's status callbacks and RFC 8058 one-click
 * unsubscribes (`List-Unsubscribe=One-Click`) are `application/x-www-form-urlencoded`; some mail
 * clients post the one-click as multipart, whose content we never need. JSON stays fastify's own.
 */
export function registerFormBodies(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
  fastify.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: 64 * 1024 },
    (_r, _b, done) => {
      done(null, {});
    },
  );
}
