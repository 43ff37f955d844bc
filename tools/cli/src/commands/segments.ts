import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  segmentsTrainRequestSchema,
  type ModelDetail,
  type ModelSummary,
  type SEGMENT_ASSIGNMENT_GET,
  type SEGMENT_SIZES,
  type SegmentsTrainRequest,
  type TrainStatus,
} from '@cdp/clustering/contracts';
import { columnsFromTable, type TableColumns } from '@cdp/clustering/domain';
import type { RequestContract } from '@cdp/shared/contracts';
import { jobProgress, type JobProgress } from './job-progress.js';
import { formatTable } from './table.js';
import { fixed, minute, percent } from './format.js';

export type AssignmentReply =
  typeof SEGMENT_ASSIGNMENT_GET extends RequestContract<unknown, infer Reply> ? Reply : never;

export const WEAK_STRUCTURE_WARNING =
  'Weak structure: these segments are not well separated; treat the personas as arbitrary.';

/**
 * `--k`: a fixed k (`4`) or the range k is chosen from (`2..10`). The bounds are the contract's,
 * so a k the service would refuse is refused here, before any rows are read or sent.
 */
export function parseK(text: string): NonNullable<SegmentsTrainRequest['k']> {
  const match = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(text);
  if (!match)
    throw new Error(`--k must be a whole number (e.g. 4) or a range min..max (e.g. 2..10), not "${text}"`);
  const k = match[2] === undefined ? Number(match[1]) : { min: Number(match[1]), max: Number(match[2]) };
  const checked = segmentsTrainRequestSchema.safeParse({ k });
  if (!checked.success)
    throw new Error(
      `--k "${text}": ${checked.error.issues
        .map((issue) => [...issue.path.slice(1), issue.message].join(': '))
        .join('; ')}`,
    );
  return k;
}

/** `--seed`, `--stability-runs`: a whole number ≥ 0 (upper bounds are the contract's). */
export function parseCount(flag: string, text: string): number {
  if (!/^\s*\d+\s*$/.test(text)) throw new Error(`${flag} must be a whole number ≥ 0, not "${text}"`);
  return Number(text);
}

/** `--csv users.csv` without `--source`: `csv-users`, a valid source (lower case, digits, dashes). */
export function csvSource(file: string): string {
  const slug = basename(file, extname(file))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug ? `csv-${slug}` : 'csv';
}

export interface ReadCsvOptions {
  readonly source: string;
  /** Default: the first column. */
  readonly idColumn?: string;
  /** Only these columns (besides the id); default all. */
  readonly columns?: readonly string[];
}

/**
 * A CSV's rows as the inline rows of SEGMENTS_TRAIN (see columnsFromTable for how kinds, lists and
 * log1p are decided). Every error starts with the file's name. Rows are counted from the first
 * after the header.
 */
export function readCsvRows(file: string, options: ReadCsvOptions): TableColumns {
  try {
    // relax_column_count: a short or long row is reported by columnsFromTable, with its row number.
    const records = parse(readFileSync(file), {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as string[][];
    const [header, ...rows] = records;
    if (header === undefined) throw new Error('the file is empty');
    const names = header.map((name) => name.trim());
    const idColumn = options.idColumn ?? names[0];
    let exclude: string[] = [];
    if (options.columns !== undefined) {
      const unknown = options.columns.filter((name) => !names.includes(name));
      if (unknown.length > 0)
        throw new Error(
          `no column ${unknown.map((name) => `'${name}'`).join(', ')}; the columns are ${names.map((name) => `'${name}'`).join(', ')}`,
        );
      exclude = names.filter((name) => name !== idColumn && !options.columns?.includes(name));
    }
    return columnsFromTable(header, rows, {
      source: options.source,
      ...(options.idColumn === undefined ? {} : { idColumn: options.idColumn }),
      exclude,
    });
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

export function formatModels(models: readonly ModelSummary[]): string {
  if (models.length === 0) return 'no segmentation models yet (train one with `cdp segments train`)';
  return formatTable(
    [
      'version',
      'id',
      'name',
      'source',
      'algorithm',
      'k',
      'rows',
      'silhouette',
      'stability',
      'active',
      'created',
      'quality',
    ],
    models.map((m) => [
      String(m.version),
      m.id,
      m.name,
      m.source,
      m.algorithm,
      String(m.k),
      String(m.rows),
      fixed(m.quality.silhouette),
      fixed(m.quality.stability),
      m.active ? 'yes' : '',
      minute(m.createdAt),
      // A weak model's personas are arbitrary: the list must not read as if they were not.
      m.quality.weak ? 'WEAK' : 'ok',
    ]),
  );
}

export function formatModel(detail: ModelDetail): string {
  const { quality } = detail;
  const lines = [
    `segmentation "${detail.name}" v${detail.version}${detail.active ? ' (active)' : ''}, id ${detail.id}`,
    `source ${detail.source}, ${detail.algorithm}, naming ${detail.naming}, k ${detail.k}, ${detail.rows} rows, trained ${minute(detail.createdAt)}`,
    `features: ${detail.features.join(', ')}`,
    `quality: silhouette ${fixed(quality.silhouette)}, stability ${fixed(quality.stability)}, Davies–Bouldin ${fixed(quality.daviesBouldin)}`,
  ];
  if (detail.dataFrom !== null && detail.dataTo !== null)
    lines.push(`data: ${minute(detail.dataFrom)} to ${minute(detail.dataTo)}`);
  lines.push('');
  // Before the segments, so nobody reads the persona names without having read this.
  if (quality.weak) {
    lines.push(`!! ${WEAK_STRUCTURE_WARNING}`, ...quality.warnings.map((w) => `!!   - ${w}`), '');
  } else if (quality.warnings.length > 0) {
    lines.push(...quality.warnings.map((w) => `note: ${w}`), '');
  }
  lines.push(
    formatTable(
      ['segment', 'name', 'size', 'share', 'traits'],
      detail.segments.map((s) => [
        s.id,
        s.nameEdited ? `${s.name} (renamed)` : s.name,
        String(s.size),
        percent(s.share),
        s.traits.map((t) => t.text).join(', ') || '—',
      ]),
    ),
  );
  if (detail.kSelection.length > 0) {
    lines.push(
      '',
      formatTable(
        ['k', 'silhouette', 'inertia', 'Davies–Bouldin', ''],
        detail.kSelection.map((c) => [
          String(c.k),
          fixed(c.silhouette),
          fixed(c.inertia, 1),
          fixed(c.daviesBouldin),
          c.k === detail.k ? '← chosen' : '',
        ]),
      ),
    );
  }
  return lines.join('\n');
}

/** The training's phase beside a bar of its progress (0..1, in thousandths). */
export function trainProgress(tty: boolean): JobProgress<TrainStatus> {
  return jobProgress<TrainStatus>(tty, {
    format: 'training [{bar}] {percentage}% | {phase}',
    total: () => 1_000,
    done: (s) => Math.round(s.progress * 1_000),
    payload: (s) => ({ phase: s.phase }),
    line: (s, tenth) => `training: ${tenth * 10}% (${s.phase})`,
  });
}

export function formatAssignment(reply: AssignmentReply): string {
  const lines = [`subject ${reply.subjectId}`, ''];
  lines.push(
    reply.current.length === 0
      ? 'in no segment'
      : formatTable(
          ['source', 'segment', 'segment id', 'since', 'model'],
          reply.current.map((a) => [a.source, a.segmentName, a.segmentId, minute(a.since), a.modelId]),
        ),
  );
  if (reply.history.length > 0) {
    lines.push(
      '',
      'history (newest first):',
      formatTable(
        ['source', 'segment', 'segment id', 'since', 'until'],
        reply.history.map((a) => [
          a.source,
          a.segmentName,
          a.segmentId,
          minute(a.since),
          a.until === null ? 'now' : minute(a.until),
        ]),
      ),
    );
  }
  return lines.join('\n');
}

export type SizesReply = typeof SEGMENT_SIZES extends RequestContract<unknown, infer Reply> ? Reply : never;

/** One row per day (newest last), one column per segment. */
export function formatSizes(reply: SizesReply): string {
  return formatTable(
    ['day', ...reply.segments.map((s) => s.name)],
    reply.points.map((point) => [
      point.at.slice(0, 10),
      ...reply.segments.map((s) => String(point.sizes[s.id] ?? 0)),
    ]),
  );
}
