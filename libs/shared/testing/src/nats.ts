import { connect } from 'node:net';

/** Whether a NATS server answers at `url` (it greets every connection with an INFO line). */
export async function canConnectToNats(url: string, timeoutMs = 1_000): Promise<boolean> {
  const first = url.split(',')[0]?.trim() ?? '';
  let host = '127.0.0.1';
  let port = 4222;
  try {
    const parsed = new URL(first);
    host = parsed.hostname || host;
    port = Number(parsed.port) || port;
  } catch {
    return false;
  }
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (chunk: Buffer) => done(chunk.toString().startsWith('INFO')));
  });
}
