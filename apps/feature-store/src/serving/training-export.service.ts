import { Inject, Injectable } from '@nestjs/common';
import {
  EXPORT_DEFAULT_LIMIT,
  REPLY_TOO_LARGE,
  type FeatureColumn,
  type FeaturesExportRequest,
  type FeaturesExportResponse,
  type FeaturesTrainingSetRequest,
  type FeaturesTrainingSetResponse,
  type FeatureType,
} from '@cdp/feature-store/contracts';
import { FeatureStoreDb } from '@cdp/feature-store/data-access-db';
import {
  measuresOf,
  readFeatures,
  type FeatureDefinition,
  type FeatureValue,
} from '@cdp/feature-store/domain';
import { BusError, ENVELOPE_MAX_BYTES } from '@cdp/shared/util-messaging';
import { MEASURES, type Measures } from '../feature-store.providers.js';
import { FeaturesService } from './features.service.js';

/**
 * Training sets (each row read as of its own time, from the event history) and the export of the
 * whole feature matrix a page at a time, both as columns of the catalog's types. Each reply is one
 * bus message, so it is kept under ENVELOPE_MAX_BYTES: an export page stops early (its cursor
 * carries on from there), a training set that would not fit is refused with the rows that would.
 */
@Injectable()
export class TrainingExportService {
  constructor(
    private readonly features: FeaturesService,
    private readonly db: FeatureStoreDb,
    @Inject(MEASURES) private readonly measures: Measures,
  ) {}

  async trainingSet(
    request: FeaturesTrainingSetRequest,
    maxBytes = ENVELOPE_MAX_BYTES,
  ): Promise<FeaturesTrainingSetResponse> {
    const definitions = this.features.select(request.names);
    // Only the measures the chosen features read: the same values, less SQL for a few names.
    const measures = request.names ? measuresOf(definitions) : this.measures;
    const days = await this.db.offline.trainingRows(
      measures,
      request.rows.map(({ profileId, at }) => ({ profileId, at })),
    );
    const rows = request.rows.map(({ profileId, at, label }, i) => {
      const features = readFeatures(days[i] ?? new Map(), at, definitions);
      return { profileId, at, label, values: definitions.map((d) => cellOf(d.type, features[d.name])) };
    });
    const reply = { names: definitions.map((d) => d.name), types: definitions.map((d) => d.type), rows };
    const bytes = jsonBytes(reply);
    if (bytes > maxBytes) {
      const header = jsonBytes({ ...reply, rows: [] });
      const maxRows = Math.max(1, Math.floor((rows.length * (maxBytes - header)) / (bytes - header)));
      throw new BusError(
        'VALIDATION_FAILED',
        `a training set of ${rows.length} rows × ${definitions.length} features is ${kib(bytes)} KiB, ` +
          `more than one reply carries (${kib(maxBytes)} KiB): send at most ${maxRows} rows per request`,
        { reason: REPLY_TOO_LARGE, bytes, maxBytes, maxRows },
      );
    }
    return reply;
  }

  async exportPage(
    request: FeaturesExportRequest,
    maxBytes = ENVELOPE_MAX_BYTES,
  ): Promise<FeaturesExportResponse> {
    // Unknown names fail before any read.
    const definitions = this.features.select(request.names);
    const limit = request.limit ?? EXPORT_DEFAULT_LIMIT;
    const profileIds = await this.db.offline.profilesAfter(request.after ?? null, limit);
    const vectors =
      profileIds.length === 0
        ? []
        : request.asOf
          ? await this.features.pointInTime(profileIds, request.asOf, request.names)
          : await this.features.online(profileIds, request.names);
    return columnsPage(
      definitions,
      profileIds,
      vectors.map((v) => v.features),
      profileIds.length === limit,
      maxBytes,
    );
  }
}

/** A value as its column's type holds it: a number column never carries a string, nor the reverse. */
export function cellOf(type: FeatureType, value: FeatureValue | undefined): FeatureValue {
  if (value === null || value === undefined) return null;
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value) ? value : null;
  return String(value);
}

/**
 * An export page from the vectors of `profileIds` (in id order): as many leading profiles as fit
 * in `maxBytes` of JSON (at least one), and the cursor after the last of them; null when these were
 * the last profiles (`more` false and none left out).
 */
export function columnsPage(
  definitions: readonly FeatureDefinition[],
  profileIds: readonly string[],
  vectors: ReadonlyArray<Record<string, FeatureValue>>,
  more: boolean,
  maxBytes: number,
): FeaturesExportResponse {
  const names = definitions.map((d) => d.name);
  const types = definitions.map((d) => d.type);
  const columns: Array<FeatureValue[]> = definitions.map(() => []);
  // The page without profiles, with a cursor: `{"names":[...],...,"next":"<uuid>"}`.
  let bytes = jsonBytes({ names, types, profileIds: [], columns, next: profileIds[0] ?? null });
  let kept = 0;
  for (const [row, profileId] of profileIds.entries()) {
    const vector = vectors[row] ?? {};
    const values = definitions.map((d) => cellOf(d.type, vector[d.name]));
    // The id (quoted, a comma) and a value and a comma in each column.
    const size = profileId.length + 3 + values.reduce<number>((n, v) => n + valueBytes(v) + 1, 0);
    if (kept > 0 && bytes + size > maxBytes) break;
    bytes += size;
    values.forEach((value, i) => columns[i]?.push(value));
    kept += 1;
  }
  const last = profileIds[kept - 1];
  return {
    names,
    types,
    profileIds: profileIds.slice(0, kept),
    columns: columns as FeatureColumn[],
    next: last !== undefined && (more || kept < profileIds.length) ? last : null,
  };
}

/** UTF-8 bytes of a value's JSON. */
export function valueBytes(value: FeatureValue): number {
  if (value === null) return 4;
  if (typeof value === 'number') return String(value).length;
  return Buffer.byteLength(JSON.stringify(value));
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

function kib(bytes: number): string {
  return (bytes / 1024).toFixed(0);
}
