import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { busStreamNames } from '@cdp/shared/util-messaging';

export interface StreamReader {
  stop(): Promise<void>;
  /** Messages read so far. */
  received(): number;
  /** Messages the stream holds on the subject: what `received` has to reach. */
  stored(): Promise<number>;
}

/** Reads one subject of the namespace's stream from the start with a consumer of its own, no acks. */
export async function readStream(
  nc: NatsConnection,
  namespace: string,
  subject: string,
  durable: string,
  on: (message: JsMsg) => void,
): Promise<StreamReader> {
  const [stream] = busStreamNames(namespace);
  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add(stream, {
    durable_name: durable,
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.All,
    filter_subject: `${namespace}.${subject}.>`,
  });
  const consumer = await jetstream(nc).consumers.get(stream, durable);
  const messages = await consumer.consume({ max_messages: 256 });
  let failure: unknown;
  let received = 0;
  const reading = (async () => {
    for await (const message of messages) {
      received++;
      on(message);
    }
  })().catch((error: unknown) => {
    // The run then stalls and fails; stop() says why.
    failure = error;
  });
  return {
    received: () => received,
    async stored() {
      const info = await jsm.streams.info(stream, { subjects_filter: `${namespace}.${subject}.>` });
      return Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
    },
    async stop() {
      await messages.close();
      await reading;
      if (failure) throw failure;
    },
  };
}
