import { describe, expect, it } from 'vitest';
import { MODEL_DEFAULTS, parseModelDefaults } from './model-defaults';

describe('model defaults', () => {
  it('ships one hour of learning and ignores pseudo file systems', () => {
    expect(MODEL_DEFAULTS.learningSeconds).toBe(3600);
    expect(MODEL_DEFAULTS.ignoredWritePrefixes).toContain('/proc/');
  });
  it('names the source and the bad field', () => {
    expect(() => parseModelDefaults(null, 'x.json')).toThrow('x.json: is not an object');
    expect(() => parseModelDefaults({ ...MODEL_DEFAULTS, learningSeconds: '1h' }, 'x.json')).toThrow(
      /learningSeconds/,
    );
    expect(() => parseModelDefaults({ ...MODEL_DEFAULTS, ignoredWritePaths: ['rel'] }, 'x.json')).toThrow(
      /ignoredWritePaths/,
    );
  });
});
