import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePorts, isListening } from './ports.js';

describe('freePorts', () => {
  it('gives distinct ports that can all be listened on afterwards', async () => {
    const ports = await freePorts(20);
    expect(new Set(ports).size).toBe(20);
    const servers = await Promise.all(
      ports.map(
        (port) =>
          new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
            const server = createServer();
            server.once('error', reject);
            server.listen(port, '127.0.0.1', () => resolve(server));
          }),
      ),
    );
    expect(await isListening(ports[0] ?? 0)).toBe(true);
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });
});
