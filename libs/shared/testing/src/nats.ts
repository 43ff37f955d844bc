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

/**
 * Deletes the consumers of `stream` whose filter subject contains `token`: tests on the platform's
 * own stream (CDP_EVENTS) use subjects of their own and remove their consumers afterwards.
 */
export async function deleteJetStreamConsumers(url: string, stream: string, token: string): Promise<number> {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: url });
  let deleted = 0;
  try {
    const jsm = await jetstreamManager(nc);
    const names: string[] = [];
    for await (const info of jsm.consumers.list(stream)) {
      if ((info.config.filter_subject ?? '').includes(token)) names.push(info.name);
    }
    for (const name of names) {
      await jsm.consumers.delete(stream, name);
      deleted++;
    }
  } catch {
    // No such stream: nothing to delete.
  } finally {
    await nc.close();
  }
  return deleted;
}

/** JetStream's "stream not found". */
const STREAM_NOT_FOUND = 10059;

/**
 * Deletes the two streams of bus namespace `namespace` (`CDP_EVENTS_<NS>` and `CDP_DLQ_<NS>`, with
 * their consumers and messages): what services or buses run with NATS_NAMESPACE leave on the
 * server. A stream that is not there is skipped; returns the names of those deleted.
 */
export async function deleteBusNamespace(url: string, namespace: string): Promise<string[]> {
  const { connect } = await import('@nats-io/transport-node');
  const { JetStreamApiError, jetstreamManager } = await import('@nats-io/jetstream');
  // The naming of util-messaging's namespacedStreamName, which this lib cannot import (its specs
  // import this lib); its integration spec checks the two agree.
  const suffix = namespace.toUpperCase().replace(/[^A-Z0-9_-]/g, '_');
  const nc = await connect({ servers: url });
  const deleted: string[] = [];
  try {
    const jsm = await jetstreamManager(nc);
    for (const stream of [`CDP_EVENTS_${suffix}`, `CDP_DLQ_${suffix}`]) {
      try {
        await jsm.streams.delete(stream);
        deleted.push(stream);
      } catch (error) {
        if (!(error instanceof JetStreamApiError && error.code === STREAM_NOT_FOUND)) throw error;
      }
    }
  } finally {
    await nc.close();
  }
  return deleted;
}
