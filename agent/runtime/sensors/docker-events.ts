// Docker events backend: container lifecycle and `docker exec` (with its command) straight from the daemon.
import os from 'node:os';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import Docker from 'dockerode';
import {
  baseEvent,
  type ContainerAction,
  type EventSink,
  type RuntimeEvent,
  type Sensor,
  type SensorHealth,
} from '../events';

export const DOCKER_EVENTS_BACKEND = 'docker-events';

interface RawDockerEvent {
  Type?: string;
  Action?: string;
  id?: string;
  timeNano?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

const ACTIONS: ReadonlySet<string> = new Set([
  'start',
  'stop',
  'die',
  'kill',
  'destroy',
  'exec_create',
  'exec_start',
]);

/** One Docker event JSON line → a 'container' event, or undefined for what the models do not use. */
export function decodeDockerEvent(line: string, host: string): RuntimeEvent | undefined {
  let raw: RawDockerEvent;
  try {
    raw = JSON.parse(line) as RawDockerEvent;
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || raw.Type !== 'container' || typeof raw.Action !== 'string') {
    return undefined;
  }
  // exec actions arrive as "exec_start: top -n 1"
  const colon = raw.Action.indexOf(':');
  const action = colon >= 0 ? raw.Action.slice(0, colon) : raw.Action;
  if (!ACTIONS.has(action)) return undefined;
  const command = colon >= 0 ? raw.Action.slice(colon + 1).trim() : undefined;
  const id = raw.Actor?.ID ?? raw.id ?? '';
  if (!/^[0-9a-f]{64}$/.test(id)) return undefined;
  const argv = command ? command.split(/\s+/) : [];
  return baseEvent(DOCKER_EVENTS_BACKEND, 'container', host, {
    time: new Date(typeof raw.timeNano === 'number' ? raw.timeNano / 1e6 : Date.now()).toISOString(),
    containerId: id,
    action: action as ContainerAction,
    argv,
    name: argv[0] ?? '',
    ...(command ? { detail: command } : {}),
  });
}

export class DockerEventsSensor implements Sensor {
  readonly backend = DOCKER_EVENTS_BACKEND;
  private stream?: Readable;
  private stopped = true;
  private restarts = 0;
  private reason?: string;
  private timer?: NodeJS.Timeout;
  private readonly host: string;

  constructor(
    private readonly docker: Docker = new Docker(),
    host?: string,
  ) {
    this.host = host ?? os.hostname();
  }

  async start(onEvent: EventSink): Promise<void> {
    this.stopped = false;
    const stream = (await this.docker.getEvents({ filters: { type: ['container'] } })) as unknown as Readable;
    this.stream = stream;
    delete this.reason;
    readline.createInterface({ input: stream }).on('line', (line) => {
      const e = decodeDockerEvent(line, this.host);
      if (e) onEvent(e);
    });
    const lost = (why: string): void => {
      if (this.stopped || this.stream !== stream) return;
      this.stream = undefined;
      this.reason = `Docker event stream lost: ${why}`;
      onEvent(baseEvent(this.backend, 'sensor', this.host, { detail: `gap: ${this.reason}` }));
      this.timer = setTimeout(() => {
        this.restarts++;
        this.start(onEvent).catch((err: Error) => {
          this.reason = err.message;
          lost(err.message);
        });
      }, 1000);
    };
    stream.on('end', () => lost('ended'));
    stream.on('error', (err: Error) => lost(err.message));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stream?.destroy();
    this.stream = undefined;
  }

  health(): SensorHealth {
    return {
      backend: this.backend,
      running: !!this.stream,
      restarts: this.restarts,
      lost: 0,
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }
}
