import cliProgress from 'cli-progress';

/** Progress of a job the CLI polls (a backfill, a training), fed each status as it comes. */
export interface JobProgress<S> {
  update(status: S): void;
  stop(): void;
}

export interface JobProgressView<S> {
  /** cli-progress format: `{bar}`, `{percentage}`, `{value}`, `{total}` and the payload's keys. */
  readonly format: string;
  total(status: S): number;
  done(status: S): number;
  payload(status: S): Record<string, unknown>;
  /** The line written at each new tenth when stderr is not a terminal. */
  line(status: S, tenth: number): string;
}

/** A bar on a terminal, a line every 10% otherwise (logs, CI). */
export function jobProgress<S>(tty: boolean, view: JobProgressView<S>): JobProgress<S> {
  if (tty) {
    const bar = new cliProgress.SingleBar(
      { format: view.format, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(status) {
        const total = Math.max(1, view.total(status));
        if (!started) {
          bar.start(total, view.done(status), view.payload(status));
          started = true;
        }
        bar.setTotal(total);
        bar.update(view.done(status), view.payload(status));
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let reported = -1;
  return {
    update(status) {
      const total = view.total(status);
      const tenth = total > 0 ? Math.floor((10 * view.done(status)) / total) : 0;
      if (tenth === reported) return;
      reported = tenth;
      process.stderr.write(`${view.line(status, tenth)}\n`);
    },
    stop() {},
  };
}
