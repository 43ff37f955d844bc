import { Command } from 'commander';
import { createBus, type Bus } from '@cdp/shared/util-messaging';
import { cliBusConfig } from './bus-config.js';
import { formatDeadLetters } from './commands/dlq.js';
import { loadCliConfig } from './config.js';
import { collectStatus, formatStatus } from './commands/status.js';

const program = new Command()
  .name('cdp')
  .description('Operator CLI of the customer data platform (npm run cdp -- <command>)')
  .option('--data-dir <dir>', 'the platform data folder (default: $CDP_DATA_DIR or .cdp)')
  .showHelpAfterError();

program
  .command('status')
  .description('health of every service of a running platform; exits 1 unless all are ready')
  .option('--json', 'print one JSON object: { "services": { "<name>": { "url", "ready" } } }')
  .option('--timeout <ms>', 'how long to wait for each service', '3000')
  .action(async (options: { json?: boolean; timeout: string }) => {
    const config = loadCliConfig(process.env, program.opts<{ dataDir?: string }>().dataDir);
    const report = await collectStatus(config, Number(options.timeout));
    process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatStatus(report)}\n`);
    if (!Object.values(report.services).every((s) => s.ready)) process.exitCode = 1;
  });

async function withBus<T>(fn: (bus: Bus) => Promise<T>): Promise<T> {
  const config = loadCliConfig(process.env, program.opts<{ dataDir?: string }>().dataDir);
  const bus = await createBus(cliBusConfig(process.env, config));
  try {
    return await fn(bus);
  } finally {
    await bus.close();
  }
}

const dlq = program
  .command('dlq')
  .description('dead letters: messages a consumer gave up on, with the error');

dlq
  .command('list')
  .description('list dead letters (oldest first)')
  .option('--json', 'print one JSON object: { "deadLetters": [...] }')
  .option('--limit <n>', 'at most this many', '100')
  .action(async (options: { json?: boolean; limit: string }) => {
    const letters = await withBus((bus) => bus.deadLetters.list(Number(options.limit)));
    process.stdout.write(
      options.json ? `${JSON.stringify({ deadLetters: letters })}\n` : `${formatDeadLetters(letters)}\n`,
    );
  });

dlq
  .command('replay')
  .description('publish dead letters to their consumer again and remove them')
  .argument('[id]', 'the dead letter to replay')
  .option('--all', 'replay every dead letter')
  .option('--json', 'print one JSON object: { "replayed": N }')
  .action(async (id: string | undefined, options: { all?: boolean; json?: boolean }) => {
    if (!id && !options.all) program.error('dlq replay needs an <id> or --all');
    const replayed = await withBus(async (bus) => {
      if (options.all) return bus.deadLetters.replayAll();
      await bus.deadLetters.replay(id ?? '');
      return 1;
    });
    process.stdout.write(
      options.json ? `${JSON.stringify({ replayed })}\n` : `replayed ${replayed} dead letter(s)\n`,
    );
  });

await program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`cdp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
