import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';
import { featureColumnSchema, featureTypeSchema } from './feature-columns.schemas.js';

/** Profiles per FEATURES_EXPORT page: the most a request may ask for, and what it gets when it does not say. */
export const EXPORT_MAX_LIMIT = 5_000;
export const EXPORT_DEFAULT_LIMIT = 1_000;

export const featuresExportRequestSchema = z.object({
  /** Keyset cursor: the profiles after this id (the previous page's `next`); from the first when absent. */
  after: z.string().uuid().optional(),
  /** Profiles in the page (default EXPORT_DEFAULT_LIMIT). */
  limit: z.number().int().min(1).max(EXPORT_MAX_LIMIT).optional(),
  /** Feature names, in the order of the columns (default: the whole catalog). */
  names: z.array(z.string().min(1)).min(1).optional(),
  /** Read as of this time from the event history instead of the online values. */
  asOf: z.iso.datetime({ offset: true }).optional(),
});

export type FeaturesExportRequest = z.infer<typeof featuresExportRequestSchema>;

export const featuresExportResponseSchema = z
  .object({
    names: z.array(z.string()),
    types: z.array(featureTypeSchema),
    /** In id order. */
    profileIds: z.array(z.string().uuid()),
    /** One column per name, each aligned with `profileIds`. */
    columns: z.array(featureColumnSchema),
    /** The `after` of the next page; null when this was the last. */
    next: z.string().uuid().nullable(),
  })
  .superRefine((reply, ctx) => {
    if (reply.types.length !== reply.names.length || reply.columns.length !== reply.names.length) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: 'one type and one column per name' });
    }
    const bad = reply.columns.findIndex((c) => c.length !== reply.profileIds.length);
    if (bad >= 0) ctx.addIssue({ code: 'custom', path: ['columns', bad], message: 'one value per profile' });
  });

export type FeaturesExportResponse = z.infer<typeof featuresExportResponseSchema>;

/**
 * The feature matrix of every profile the store knows (those with events or online days), a page
 * at a time in profile id order (keyset: pass `next` as `after` until it is null), as columns.
 * Online values, or as of `asOf` from the event history. A page may hold fewer than `limit`
 * profiles when more would not fit in one bus message; `next` then continues where it stopped.
 * See `exportMatrix` (feature-matrix.ts) for a reader that pages through it.
 */
export const FEATURES_EXPORT = defineRequest(
  'cdp.feature-store.cmd.features.export.v1',
  featuresExportRequestSchema,
  featuresExportResponseSchema,
);
