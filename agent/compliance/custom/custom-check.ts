// User-defined compliance checks: a shell script run inside a throwaway, locked-down container.
import { z } from 'zod';
import { catalog } from '../catalog';

export const customCheckSchema = z.object({
  id: z.number().int().min(9000).max(999_999),
  name: z.string().min(1).max(200),
  description: z.string().max(4000).default(''),
  severity: z.enum(['critical', 'high', 'medium', 'low']),
  script: z
    .string()
    .min(1)
    .max(64 * 1024),
});

export type CustomCheck = z.infer<typeof customCheckSchema>;

/** Validate a user's check; its id must not collide with a built-in catalog id. */
export function parseCustomCheck(raw: unknown, input: string): CustomCheck {
  const r = customCheckSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${input}: invalid custom check (${i.path.join('.') || 'root'}: ${i.message})`);
  }
  if (catalog.some((c) => c.id === r.data.id))
    throw new Error(`${input}: custom check id ${r.data.id} is taken by a built-in check`);
  return r.data;
}
