/**
 * Turns taken in the order they were asked for: `take()` resolves once every earlier turn was
 * released, with the function that releases this one. Lets overlapping batches run their
 * transactions, and then their publishes, one at a time and in arrival order.
 */
export class Turns {
  private last: Promise<void> = Promise.resolve();

  take(): Promise<() => void> {
    let release: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const previous = this.last;
    this.last = previous.then(() => mine);
    return previous.then(() => release);
  }
}
