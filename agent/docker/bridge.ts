// The embedded agent's link to the local Docker daemon: lists, follows events, reconnects, reports its state.
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import Docker from 'dockerode';
import { dockerEndpoint, dockerOptions } from './endpoint';

export type DockerConnectionState = 'connecting' | 'connected' | 'unreachable';

export interface DockerState {
  connection: DockerConnectionState;
  endpoint: string;
  version?: string;
  apiVersion?: string;
  error?: string;
  since: string;
}

export interface DockerEvent {
  time: string;
  type: string;
  action: string;
  actorId: string;
  actorName?: string;
}

export interface BridgeEvents {
  state: [DockerState];
  event: [DockerEvent];
}

interface RawEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  time?: number;
  timeNano?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

export class DockerBridge extends EventEmitter<BridgeEvents> {
  readonly docker: Docker;
  private current: DockerState;
  private stream?: Readable;
  private retryTimer?: NodeJS.Timeout;
  private retryMs = RETRY_MIN_MS;
  private stopped = false;

  /** `endpoint` is a DOCKER_HOST-style address (unix:///path or tcp://host:port); default: DOCKER_HOST or the default socket. */
  constructor(endpoint: string = dockerEndpoint()) {
    super();
    this.docker = new Docker(dockerOptions({ DOCKER_HOST: endpoint }));
    this.current = { connection: 'connecting', endpoint, since: new Date().toISOString() };
  }

  get state(): DockerState {
    return this.current;
  }

  /** Connects and follows events; keeps retrying with backoff while the daemon is away. */
  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.stream?.destroy();
    this.stream = undefined;
  }

  async listImages(): Promise<Docker.ImageInfo[]> {
    return this.docker.listImages({ all: false });
  }

  async listContainers(): Promise<Docker.ContainerInfo[]> {
    return this.docker.listContainers({ all: true });
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      const version = await this.docker.version();
      const stream = (await this.docker.getEvents({})) as unknown as Readable;
      if (this.stopped) {
        stream.destroy();
        return;
      }
      this.stream = stream;
      this.retryMs = RETRY_MIN_MS;
      this.setState({ connection: 'connected', version: version.Version, apiVersion: version.ApiVersion });
      this.follow(stream);
    } catch (err) {
      this.setState({ connection: 'unreachable', error: explain(err, this.current.endpoint) });
      this.scheduleRetry();
    }
  }

  private follow(stream: Readable): void {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (line) this.handleLine(line);
      }
    });
    const lost = (reason: string): void => {
      if (this.stream !== stream || this.stopped) return;
      this.stream = undefined;
      this.setState({
        connection: 'unreachable',
        error: `lost the event stream from Docker (${reason}); reconnecting`,
      });
      this.scheduleRetry();
    };
    stream.on('end', () => lost('stream ended'));
    stream.on('close', () => lost('stream closed'));
    stream.on('error', (err: Error) => lost(err.message));
  }

  private handleLine(line: string): void {
    let raw: RawEvent;
    try {
      raw = JSON.parse(line) as RawEvent;
    } catch {
      return; // a partial or foreign line is not an event; the next full line is
    }
    const time = raw.timeNano
      ? new Date(raw.timeNano / 1e6)
      : new Date((raw.time ?? Date.now() / 1000) * 1000);
    this.emit('event', {
      time: time.toISOString(),
      type: raw.Type ?? 'unknown',
      action: raw.Action ?? raw.status ?? 'unknown',
      actorId: raw.Actor?.ID ?? raw.id ?? '',
      actorName: raw.Actor?.Attributes?.name,
    });
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private setState(patch: Partial<DockerState>): void {
    const changed = patch.connection !== this.current.connection;
    const base = patch.connection === 'connected' ? { endpoint: this.current.endpoint } : this.current;
    this.current = {
      ...base,
      ...patch,
      connection: patch.connection ?? this.current.connection,
      since: changed ? new Date().toISOString() : this.current.since,
    } as DockerState;
    if (patch.connection === 'connected') delete this.current.error;
    this.emit('state', this.current);
  }
}

function explain(err: unknown, endpoint: string): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return `no Docker daemon socket at ${endpoint} (is Docker installed and running?)`;
  if (e.code === 'EACCES')
    return `permission denied on ${endpoint} (add your user to the docker group, or run as root)`;
  if (e.code === 'ECONNREFUSED')
    return `Docker daemon at ${endpoint} refused the connection (is dockerd running?)`;
  return `cannot reach Docker at ${endpoint}: ${e.message ?? String(err)}`;
}
