// A process for embedded-bus.int-spec.ts: consumes `subject` with a handler that never finishes,
// prints `claimed <seq>` for each message it gets, and waits to be killed.
//   node --import tsx claim-child.ts '<EmbeddedBusConfig json>' <durable> <subject>
import type { EmbeddedBusConfig } from '../../create-bus.js';
import { createEmbeddedBus } from '../embedded-bus.js';

const [configJson, durable, subject] = process.argv.slice(2);
if (!configJson || !durable || !subject) {
  process.stderr.write('usage: claim-child.ts <config> <durable> <subject>\n');
  process.exit(2);
}
const bus = await createEmbeddedBus(JSON.parse(configJson) as EmbeddedBusConfig);
await bus.consume({ durable, subject }, async (message) => {
  process.stdout.write(`claimed ${message.seq}\n`);
  await new Promise(() => undefined);
});
process.stdout.write('consuming\n');
setInterval(() => undefined, 60_000);
