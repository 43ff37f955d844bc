import { randomUUID } from 'node:crypto';
import { RAW_EVENTS_RECEIVED } from '@cdp/ingestion/contracts';
import { envelopeMsgId } from '@cdp/ingestion/domain';
import { publishEvent, type Bus } from '@cdp/shared/util-messaging';
import cliProgress from 'cli-progress';
import { runImport, type ImportKind, type ImportProgress, type ImportReport } from '../import/run-import.js';

export interface ImportCommandOptions {
  file: string;
  sourceId: string;
  kind: ImportKind;
  format?: 'csv' | 'ndjson';
  idColumn?: string;
  listColumns?: string[];
  /** Draw a progress bar on stderr (a terminal); otherwise a line every few seconds. */
  tty: boolean;
}

/** Imports a file into a source: each slice of good rows is one envelope, as a tracking API request is. */
export async function importFile(bus: Bus, options: ImportCommandOptions): Promise<ImportReport> {
  const runId = randomUUID();
  let slice = 0;
  const progress = progressReporter(options.tty);
  try {
    return await runImport({
      file: options.file,
      kind: options.kind,
      format: options.format,
      idColumn: options.idColumn,
      listColumns: options.listColumns,
      onProgress: progress.update,
      publish: async (events) => {
        slice += 1;
        // msgId from the rows' messageIds: an import run twice is stored once.
        const ack = await publishEvent(
          bus,
          RAW_EVENTS_RECEIVED,
          {
            sourceId: options.sourceId,
            requestId: `import-${runId}-${slice}`,
            receivedAt: new Date().toISOString(),
            events,
          },
          { msgId: envelopeMsgId(options.sourceId, events) },
        );
        return ack.duplicate;
      },
    });
  } finally {
    progress.stop();
  }
}

function progressReporter(tty: boolean): { update(p: ImportProgress): void; stop(): void } {
  if (tty) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'importing [{bar}] {percentage}% | {rows} rows, {imported} imported, {rejected} rejected',
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p) {
        if (!started) {
          bar.start(p.bytesTotal, 0, { rows: 0, imported: 0, rejected: 0 });
          started = true;
        }
        bar.update(p.bytesRead, { rows: p.rows, imported: p.imported, rejected: p.rejected });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let last = 0;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 2_000 && p.bytesRead < p.bytesTotal) return;
      last = now;
      const pct = p.bytesTotal === 0 ? 100 : Math.round((p.bytesRead / p.bytesTotal) * 100);
      process.stderr.write(
        `importing: ${pct}% (${p.rows} rows, ${p.imported} imported, ${p.rejected} rejected)\n`,
      );
    },
    stop() {},
  };
}

/** At most this many rejected rows are listed (all of them go to --errors <file>). */
const SHOWN_ERRORS = 20;

export function formatImportReport(report: ImportReport, source: string): string {
  const lines = [
    `imported ${report.imported} of ${report.rows} rows from ${report.file} into "${source}" (${report.kind}, ${report.format})`,
  ];
  if (report.duplicates > 0)
    lines.push(`${report.duplicates} of them were already imported: nothing new stored for those`);
  if (report.rejected > 0) {
    lines.push(`${report.rejected} row(s) rejected:`);
    for (const row of report.rejectedRows.slice(0, SHOWN_ERRORS)) {
      lines.push(`  line ${row.line}: ${row.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    }
    if (report.rejected > SHOWN_ERRORS)
      lines.push(`  … and ${report.rejected - SHOWN_ERRORS} more (use --errors <file>)`);
  }
  return lines.join('\n');
}
