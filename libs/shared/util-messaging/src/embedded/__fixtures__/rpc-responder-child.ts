// A responder process for embedded-rpc.int-spec.ts: answers `subject` in queue `queue` as the
// request says (see RpcProbe) and THING_GET, printing `handled <n>` when a request comes in.
// Commands on stdin: `stop` stops the `subject` responder (prints `stopped` once it drained).
//   node --import tsx rpc-responder-child.ts '<embedded bus config json>' <subject> <queue> <name>
import { createInterface } from 'node:readline';
import { HEADERS } from '../../bus.js';
import type { EmbeddedBusConfig } from '../../create-bus.js';
import { BusError } from '../../errors.js';
import { answerRequests } from '../../typed.js';
import { createEmbeddedBus, type EmbeddedBusTuning } from '../embedded-bus.js';
import { bigText, THING_GET, type RpcProbe, type RpcProbeReply } from './rpc-fixture.js';

const [configJson, subject, queue, name] = process.argv.slice(2);
if (!configJson || !subject || !queue || !name) {
  process.stderr.write('usage: rpc-responder-child.ts <config> <subject> <queue> <name>\n');
  process.exit(2);
}
const bus = await createEmbeddedBus(JSON.parse(configJson) as EmbeddedBusConfig & EmbeddedBusTuning);
const subscription = await bus.respond(subject, queue, async (data, headers) => {
  const probe = (data ?? {}) as RpcProbe;
  process.stdout.write(`handled ${probe.n ?? -1}\n`);
  if (probe.sleepMs) await new Promise((r) => setTimeout(r, probe.sleepMs));
  if (probe.fail) throw new Error(probe.fail);
  const reply: RpcProbeReply = {
    n: probe.n ?? null,
    by: name,
    echo: probe.echo ?? null,
    correlationId: headers[HEADERS.correlationId] ?? null,
  };
  if (probe.bytes) reply.text = bigText(probe.bytes);
  return reply;
});
await answerRequests(bus, THING_GET, queue, async ({ id }) => {
  if (id === 404) throw new BusError('NOT_FOUND', `no thing ${id}`);
  return { id, name: `thing ${id} from ${name}` };
});
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'stop') {
    void subscription.stop().then(() => process.stdout.write('stopped\n'));
  }
});
process.stdout.write('responding\n');
setInterval(() => undefined, 60_000);
