import { z } from 'zod';

/** One way of recognising a person: `user_id`, `email`, `phone`, `idfa`, `gaid`, `device_id`, `anonymous_id`, `external:<type>`. */
export const identifierSchema = z.object({
  type: z.string().min(1),
  value: z.string().min(1),
});

export type IdentifierPayload = z.infer<typeof identifierSchema>;

/** `<type>:<value>`, as operators type it (`email:ann@example.com`). */
export const identifierRefSchema = z
  .string()
  .trim()
  .min(3)
  .regex(/^[a-z_]+(:[a-z0-9_-]+)?:.+$/i, 'use <type>:<value>');
