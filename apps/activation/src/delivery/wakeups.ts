import { Injectable } from '@nestjs/common';

/** Tells the delivery engine a destination has new work, so it need not wait for its next poll. */
@Injectable()
export class DeliveryWakeups {
  private listener: ((destinationIds: ReadonlySet<string>) => void) | undefined;

  listen(listener: (destinationIds: ReadonlySet<string>) => void): void {
    this.listener = listener;
  }

  wake(destinationIds: ReadonlySet<string>): void {
    // Called inside the transaction that queued the work: give it time to commit before the claim.
    setTimeout(() => this.listener?.(destinationIds), 25).unref();
  }
}
