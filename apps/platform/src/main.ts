import { startPlatform, type Platform } from './platform.js';

const print = (line: string): void => void process.stdout.write(`${line}\n`);

let platform: Platform | undefined;
let stopRequested: NodeJS.Signals | undefined;
let firstSignalAt = 0;

async function stop(signal: NodeJS.Signals): Promise<void> {
  print(`${signal}: stopping the platform...`);
  try {
    await platform?.stop();
    print('stopped.');
    process.exit(0);
  } catch (error) {
    process.stderr.write(`stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

// Handlers go in before anything starts, so Ctrl-C during start-up also stops cleanly.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second Ctrl-C gives up waiting; one that arrives with the first (the terminal signals
    // npm and node alike, and npm passes its own on) does not count.
    if (stopRequested) {
      if (Date.now() - firstSignalAt > 1_000) process.exit(1);
      return;
    }
    stopRequested = signal;
    firstSignalAt = Date.now();
    if (platform) void stop(signal);
  });
}

// `npm start -- --no-demo`: no demo data set on a first start (CDP_DEMO=false does the same).
const demo = !process.argv.slice(2).includes('--no-demo');

try {
  platform = await startPlatform(process.env, print, { demo });
  if (stopRequested) await stop(stopRequested);
} catch (error) {
  process.stderr.write(
    `The platform did not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
