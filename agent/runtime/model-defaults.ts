// Shipped model defaults (resources/runtime/model-defaults.json), checked once when loaded.
import raw from '../../resources/runtime/model-defaults.json';

export interface ModelDefaults {
  learningSeconds: number;
  auditWindowSeconds: number;
  /** How long an archived model (no container uses its image) is kept before it is deleted. */
  archiveDeleteSeconds: number;
  ignoredWritePrefixes: string[];
  ignoredWritePaths: string[];
}

export function parseModelDefaults(value: unknown, source: string): ModelDefaults {
  const v = value as Partial<Record<keyof ModelDefaults, unknown>> | null;
  const fail = (what: string): never => {
    throw new Error(`${source}: ${what}`);
  };
  if (typeof v !== 'object' || v === null) return fail('is not an object');
  const num = (k: 'learningSeconds' | 'auditWindowSeconds' | 'archiveDeleteSeconds'): number => {
    const n = v[k];
    return typeof n === 'number' && Number.isFinite(n) && n >= 0
      ? n
      : fail(`${k} must be a non-negative number`);
  };
  const list = (k: 'ignoredWritePrefixes' | 'ignoredWritePaths'): string[] => {
    const l = v[k];
    return Array.isArray(l) && l.every((x) => typeof x === 'string' && x.startsWith('/'))
      ? (l as string[])
      : fail(`${k} must be a list of absolute paths`);
  };
  return {
    learningSeconds: num('learningSeconds'),
    auditWindowSeconds: num('auditWindowSeconds'),
    archiveDeleteSeconds: num('archiveDeleteSeconds'),
    ignoredWritePrefixes: list('ignoredWritePrefixes'),
    ignoredWritePaths: list('ignoredWritePaths'),
  };
}

export const MODEL_DEFAULTS: ModelDefaults = parseModelDefaults(raw, 'resources/runtime/model-defaults.json');
