import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import type { EventContract, RequestContract } from '@cdp/shared/contracts';
import { lastValueFrom } from 'rxjs';
import type { Bus, Subscription } from '../bus.js';
import { describeError } from '../errors.js';
import { answerRequests, consumeEventBatches, consumeEvents } from '../typed.js';
import { CDP_EXTRAS_KEY, type CdpHandlerExtras } from './decorators.js';

/**
 * The Nest transport over our Bus (JetStream or embedded): binds every `@OnEvent` handler to a
 * durable consumer named after the service (so replicas share the work) and every `@OnRequest`
 * handler to a responder in the service's queue group.
 */
export class CdpTransport extends Server implements CustomTransportStrategy {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly bus: Bus,
    private readonly service: string,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const [pattern, handler] of this.messageHandlers) {
        this.subscriptions.push(await this.bind(pattern, handler));
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private async bind(pattern: string, handler: MessageHandler): Promise<Subscription> {
    const extras = handler.extras?.[CDP_EXTRAS_KEY] as CdpHandlerExtras | undefined;
    if (!extras) {
      throw new Error(
        `handler for "${pattern}" has no contract: use @OnEvent/@OnEventBatch/@OnRequest with a contract from a contracts lib`,
      );
    }
    const invoke = async (payload: unknown, context?: unknown): Promise<unknown> =>
      lastValueFrom(this.transformToObservable(await handler(payload, context)), { defaultValue: undefined });
    const options = { durable: this.service, ...extras.consumer };
    if (extras.contract.kind === 'request') {
      return answerRequests(
        this.bus,
        extras.contract as RequestContract<unknown, unknown>,
        this.service,
        (request) => invoke(request),
      );
    }
    const contract = extras.contract as EventContract<unknown>;
    // Errors pass through Nest untouched (PassThroughRpcFilter): say here what failed, once.
    const logged = async (what: string, run: () => Promise<unknown>): Promise<void> => {
      try {
        await run();
      } catch (error) {
        this.logger.warn(`${contract.subject} handler failed on ${what}: ${describeError(error)}`);
        throw error;
      }
    };
    if (extras.batch) {
      return consumeEventBatches(this.bus, contract, options, (messages) =>
        logged(`a batch of ${messages.length}`, () => invoke(messages)),
      );
    }
    return consumeEvents(this.bus, contract, options, (message) =>
      logged(`delivery ${message.deliveryCount} of ${message.msgId ?? `seq ${message.seq}`}`, () =>
        invoke(message.data, message),
      ),
    );
  }

  /** Stops fetching and waits for in-flight handlers and their acks. */
  async close(): Promise<void> {
    await Promise.all(this.subscriptions.splice(0).map((s) => s.stop()));
  }

  on(): void {
    // Connection status events are the bus's business; nothing to subscribe to here.
  }

  unwrap<T>(): T {
    return this.bus as T;
  }
}
