import { z } from 'zod';

/** The kinds of source: the tracking API, a CDP's signed webhook, a file import. */
export const SOURCE_KINDS = ['http', 'webhook', 'import'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A source as every reply shows it: never the write key (shown once at create/rotate) nor its hash. */
export const sourceViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: z.enum(SOURCE_KINDS),
  enabled: z.boolean(),
  /** The write key's last 4 characters. */
  writeKeyHint: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  keyRotatedAt: z.iso.datetime({ offset: true }).nullable(),
  disabledAt: z.iso.datetime({ offset: true }).nullable(),
});

export type SourceViewPayload = z.infer<typeof sourceViewSchema>;

/** A source named by its id or its name. */
export const sourceRefSchema = z.object({ source: z.string().trim().min(1) });
