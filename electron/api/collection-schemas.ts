// Params of the collections, tags and exception channels (spread into paramSchemas).
import { z } from 'zod';

const name = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} name must not be empty`)
    .max(100)
    .refine(
      (s) => ![...s].some((c) => c.charCodeAt(0) < 32),
      `${what} name must not hold control characters`,
    );
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb');
const description = z.string().max(1000).default('');
const patterns = z
  .array(z.string().trim().min(1, 'a pattern must not be empty').max(300))
  .max(100)
  .default([]);
const id = z.number().int().min(1);
/** CVE, GHSA or other advisory id as feeds spell them. */
const vulnId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'vulnerability id may hold letters, digits and . _ : - only');

export const collectionSchemas = {
  'collections:list': z.object({}).strict(),
  'collections:save': z
    .object({
      id: id.optional(),
      name: name('collection'),
      description,
      colour: colour.default('#2563eb'),
      images: patterns,
      containers: patterns,
      hosts: patterns,
      labels: patterns,
    })
    .strict(),
  'collections:delete': z.object({ id }).strict(),
  'tags:list': z.object({}).strict(),
  'tags:save': z
    .object({ id: id.optional(), name: name('tag'), colour: colour.default('#6b7280'), description })
    .strict(),
  'tags:delete': z.object({ id }).strict(),
  'vulnTags:list': z.object({ vulnId: vulnId.optional() }).strict(),
  'vulnTags:assign': z
    .object({
      tag: name('tag'),
      vulnId,
      package: z.string().min(1).max(300).optional(),
      image: z.string().min(1).max(300).optional(),
      comment: z.string().max(2000).default(''),
    })
    .strict(),
  'vulnTags:remove': z.object({ id }).strict(),
  'vulnRules:addException': z
    .object({
      scanId: id,
      vulnId,
      package: z.string().min(1).max(200).optional(),
      expires: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'expires must be a date YYYY-MM-DD')
        .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'expires is not a real date')
        .optional(),
      reason: z.string().max(1000).optional(),
    })
    .strict(),
} as const;
