// A platform process in miniature for embedded-postgres.int-spec.ts: starts an embedded
// PostgreSQL, prints its URL as one JSON line and waits to be killed. The spec SIGKILLs it to
// leave the server behind the way a killed platform does. With --stop it stops the server and
// exits instead (the spec runs it so as another user).
//   node --import tsx embedded-postgres-child.ts <dataDir> <port> [--stop]
import { startEmbeddedPostgres } from '../embedded-postgres.js';

const [dataDir, port, mode] = process.argv.slice(2);
if (!dataDir || !port) {
  process.stderr.write('usage: embedded-postgres-child.ts <dataDir> <port>\n');
  process.exit(2);
}
try {
  const handle = await startEmbeddedPostgres({ dataDir, port: Number(port) });
  process.stdout.write(`${JSON.stringify({ url: handle.url, initialised: handle.initialised })}\n`);
  if (mode === '--stop') await handle.stop();
  else setInterval(() => undefined, 60_000);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
