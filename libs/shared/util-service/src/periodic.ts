/**
 * A task run every `ms`, never twice at once: a tick that comes while the last run is still going
 * is skipped. `run` starts one now (or joins the one in flight); `stop` clears the timer and waits
 * for a run in flight. Errors go to `onError` and the next tick runs as usual.
 */
export class Periodic {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly ms: number,
    private readonly task: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.run(), this.ms);
    this.timer.unref();
  }

  run(): Promise<void> {
    this.running ??= this.task()
      .catch(this.onError)
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
