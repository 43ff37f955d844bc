import {
  exportMatrix,
  EXPORT_MAX_LIMIT,
  FEATURES_EXPORT,
  FEATURES_LIST,
  FEATURES_TRAINING_SET,
  REPLY_TOO_LARGE,
  TRAINING_SET_MAX_ROWS,
} from '@cdp/feature-store/contracts';
import type { PointRead } from '@cdp/prediction/domain';
import { BusError, type MessagingClient } from '@cdp/shared/util-messaging';

const REQUEST_TIMEOUT_MS = 60_000;

/**
 * The feature store as the training side sees it: its numeric features, its profiles, and
 * point-in-time reads through FEATURES_TRAINING_SET (each row read as of its own instant), in
 * requests as large as a reply may be.
 */
export class FeatureReader {
  private rowsPerRequest: number = TRAINING_SET_MAX_ROWS;

  constructor(private readonly messaging: MessagingClient) {}

  /** Number features of the catalog, in catalog order, and the full catalog's names. */
  async catalog(): Promise<{ numeric: string[]; all: Map<string, 'number' | 'category'> }> {
    const reply = await this.messaging.request(FEATURES_LIST, {}, REQUEST_TIMEOUT_MS);
    return {
      numeric: reply.features.filter((f) => f.type === 'number').map((f) => f.name),
      all: new Map(reply.features.map((f) => [f.name, f.type])),
    };
  }

  /** Every profile id the store holds features for. */
  async profileIds(name: string): Promise<string[]> {
    const ids: string[] = [];
    for await (const chunk of exportMatrix(
      (r) => this.messaging.request(FEATURES_EXPORT, r, REQUEST_TIMEOUT_MS),
      {
        names: [name],
        limit: EXPORT_MAX_LIMIT,
      },
    ))
      ids.push(...chunk.profileIds);
    return ids;
  }

  /** Values of `names` per row as of the row's `at`; non-numbers are missing. */
  readonly read = async (
    rows: readonly PointRead[],
    names: readonly string[],
  ): Promise<Array<Array<number | null>>> => {
    const out: Array<Array<number | null>> = [];
    for (let from = 0; from < rows.length;) {
      const slice = rows.slice(from, from + this.rowsPerRequest);
      try {
        const reply = await this.messaging.request(
          FEATURES_TRAINING_SET,
          {
            rows: slice.map((r) => ({
              profileId: r.profileId,
              at: new Date(r.at).toISOString(),
              label: null,
            })),
            names: [...names],
          },
          REQUEST_TIMEOUT_MS,
        );
        for (const row of reply.rows) out.push(row.values.map((v) => (typeof v === 'number' ? v : null)));
        from += slice.length;
      } catch (error) {
        // The store says how many rows of this width fit in one reply: ask for that many.
        const maxRows = error instanceof BusError ? error.details?.['maxRows'] : undefined;
        if (
          error instanceof BusError &&
          error.details?.['reason'] === REPLY_TOO_LARGE &&
          typeof maxRows === 'number' &&
          maxRows >= 1 &&
          maxRows < slice.length
        ) {
          this.rowsPerRequest = maxRows;
          continue;
        }
        throw error;
      }
    }
    return out;
  };
}
