import { Command } from 'commander';
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

await program.parseAsync(process.argv);
