import { describe, expect, it } from 'vitest';
import { SENSOR_BACKENDS, sensorBackend } from './registry';

describe('sensor registry', () => {
  it('lists each backend once with a role', () => {
    const names = SENSOR_BACKENDS.map((b) => b.name);
    expect(names).toEqual(['ebpf', 'procfs', 'docker-events']);
    expect(SENSOR_BACKENDS.filter((b) => b.role === 'process').map((b) => b.name)).toEqual([
      'ebpf',
      'procfs',
    ]);
  });
  it('names the unknown backend and the known ones', () => {
    expect(sensorBackend('procfs').name).toBe('procfs');
    expect(() => sensorBackend('kprobe')).toThrow(/"kprobe".*ebpf, procfs, docker-events/);
  });
});
