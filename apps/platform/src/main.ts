import { ConfigError } from '@cdp/shared/util-config';
import { startPlatform } from './platform.js';

const print = (line: string): void => void process.stdout.write(`${line}\n`);

try {
  const platform = await startPlatform(process.env, print);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    print(`${signal}: stopping the platform...`);
    void platform.stop().then(
      () => {
        print('stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`The platform did not start: ${message}\n`);
  process.exit(1);
}
