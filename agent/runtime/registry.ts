// Sensor backends as a table: the composition root picks by name, with /proc as the fallback for eBPF.
import type Docker from 'dockerode';
import type { Enricher } from './enrich';
import type { Sensor } from './events';
import { BpftraceSensor } from './sensors/bpftrace';
import { DockerEventsSensor } from './sensors/docker-events';
import { ProcfsSensor } from './sensors/procfs';

export interface SensorDeps {
  docker: Docker;
  enricher: Enricher;
  host?: string;
  /** Directory holding bpftrace/runtime.bt. */
  resourcesDir?: string;
}

export interface SensorBackend {
  name: 'ebpf' | 'procfs' | 'docker-events';
  desc: string;
  /** Process-level sensors are alternatives; 'events' sensors run beside either. */
  role: 'process' | 'events';
  create(deps: SensorDeps): Sensor;
}

export const SENSOR_BACKENDS: readonly SensorBackend[] = [
  {
    name: 'ebpf',
    desc: 'bpftrace tracepoints: exec, connect, listen, DNS, file writes (root, tracefs)',
    role: 'process',
    create: (d) =>
      new BpftraceSensor({
        host: d.host,
        ...(d.resourcesDir ? { programPath: `${d.resourcesDir}/bpftrace/runtime.bt` } : {}),
      }),
  },
  {
    name: 'procfs',
    desc: '/proc polling at 10 Hz and overlay upper-dir scans (fallback without eBPF)',
    role: 'process',
    create: (d) => new ProcfsSensor(d.docker, d.enricher, { host: d.host }),
  },
  {
    name: 'docker-events',
    desc: 'Docker daemon events: container lifecycle and docker exec commands',
    role: 'events',
    create: (d) => new DockerEventsSensor(d.docker, d.host),
  },
];

export function sensorBackend(name: string): SensorBackend {
  const b = SENSOR_BACKENDS.find((s) => s.name === name);
  if (!b)
    throw new Error(
      `unknown sensor backend "${name}" (known: ${SENSOR_BACKENDS.map((s) => s.name).join(', ')})`,
    );
  return b;
}

export interface ChosenSensor {
  sensor: Sensor;
  /** Why the preferred backend was not used, when it was not. */
  fallbackReason?: string;
}

/** Starts eBPF when it can; otherwise the /proc poller, keeping eBPF's error so the console can show it. */
export async function startProcessSensor(
  deps: SensorDeps,
  onEvent: Parameters<Sensor['start']>[0],
  order: ReadonlyArray<SensorBackend['name']> = ['ebpf', 'procfs'],
): Promise<ChosenSensor> {
  const reasons: string[] = [];
  for (const name of order) {
    const sensor = sensorBackend(name).create(deps);
    try {
      await sensor.start(onEvent);
      return { sensor, ...(reasons.length > 0 ? { fallbackReason: reasons.join('; ') } : {}) };
    } catch (err) {
      await sensor.stop();
      reasons.push(`${name}: ${(err as Error).message}`);
    }
  }
  throw new Error(`no process sensor could start (${reasons.join('; ')})`);
}
