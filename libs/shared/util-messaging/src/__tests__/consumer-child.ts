// A consumer process for the contract suite's crash test: consumes `subject` with an idempotent
// handler (one row per msgId in `effects`, ON CONFLICT DO NOTHING) until it is killed.
//   node --import tsx consumer-child.ts '<BusConfig json>' <effects database url> <subject>
import pg from 'pg';
import { createBus, type BusConfig } from '../create-bus.js';

const [configJson, effectsUrl, subject] = process.argv.slice(2);
if (!configJson || !effectsUrl || !subject) {
  process.stderr.write('usage: consumer-child.ts <config> <effectsUrl> <subject>\n');
  process.exit(2);
}
const pool = new pg.Pool({ connectionString: effectsUrl, max: 8 });
const bus = await createBus(JSON.parse(configJson) as BusConfig);
await bus.consume(
  { durable: 'contract-crash', subject, maxDeliver: 20, backoffMs: [50], batchSize: 100 },
  async (message) => {
    await pool.query('INSERT INTO effects (msg_id) VALUES ($1) ON CONFLICT DO NOTHING', [message.msgId]);
    await pool.query('UPDATE handled SET n = n + 1');
  },
);
process.stdout.write('consuming\n');
setInterval(() => undefined, 60_000);
