// The local agent's socket server: greets each console, replays what it missed, then streams numbered events
// and the sensors' status. Access is decided by the socket's permissions (see socket-access.ts).
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { EnrichedEvent } from '../runtime/events';
import type { ImageSeed } from '../runtime/model-engine';
import { EventRing } from './event-ring';
import {
  encodeMessage,
  LineDecoder,
  parseClientMessage,
  PROTOCOL_VERSION,
  type AgentMessage,
  type AgentStatus,
  type ClientMessage,
} from './protocol';
import { claimSocketPath, listenRestricted } from './socket-access';

export interface AgentServerOptions {
  socketPath: string;
  /** Group allowed to connect. */
  gid: number;
  /** "moat <version>", shown by the console. */
  agent: string;
  host: string;
  status: () => AgentStatus;
  ringSize?: number;
  statusIntervalMs?: number;
  subscribeTimeoutMs?: number;
  /** A console this far behind is disconnected; it reconnects and resumes from the ring. */
  maxBacklogBytes?: number;
}

interface Conn {
  sock: net.Socket;
  live: boolean;
  refused?: boolean;
  timer?: NodeJS.Timeout;
}

interface Buffered {
  event: EnrichedEvent;
  seed?: ImageSeed;
}

/** What a client may send is one short subscribe line. */
const MAX_CLIENT_LINE = 4096;

export class AgentServer {
  /** Changes with every agent process: a console seeing a new one knows the sequence numbers restarted. */
  readonly instance = randomUUID();
  private readonly server = net.createServer((s) => this.accept(s));
  private readonly conns = new Set<Conn>();
  private readonly ring: EventRing<Buffered>;
  private statusTimer?: NodeJS.Timeout;

  constructor(private readonly opts: AgentServerOptions) {
    this.ring = new EventRing(opts.ringSize ?? 10_000);
  }

  async start(): Promise<void> {
    await claimSocketPath(this.opts.socketPath, this.opts.gid);
    await listenRestricted(this.server, this.opts.socketPath, this.opts.gid);
    this.statusTimer = setInterval(() => this.broadcastStatus(), this.opts.statusIntervalMs ?? 1000);
  }

  /** Numbers the event, keeps it for consoles that reconnect, and sends it to every subscribed console. */
  publish(event: EnrichedEvent, seed?: ImageSeed): void {
    const seq = this.ring.push(seed ? { event, seed } : { event });
    const msg = eventMessage(seq, { event, seed });
    for (const c of this.conns) if (c.live) this.send(c, msg);
  }

  broadcastStatus(): void {
    const msg: AgentMessage = { type: 'status', status: this.opts.status() };
    for (const c of this.conns) if (c.live) this.send(c, msg);
  }

  /** Drops every console connection; each reconnects and resumes where it left off (tests, slow consoles). */
  disconnectClients(): void {
    for (const c of this.conns) c.sock.destroy();
  }

  get clients(): number {
    return this.conns.size;
  }

  async stop(): Promise<void> {
    clearInterval(this.statusTimer);
    for (const c of this.conns) c.sock.destroy();
    // Closing the listening pipe also removes the socket file.
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(sock: net.Socket): void {
    const c: Conn = { sock, live: false };
    this.conns.add(c);
    const decoder = new LineDecoder(MAX_CLIENT_LINE);
    sock.on('close', () => {
      clearTimeout(c.timer);
      this.conns.delete(c);
    });
    sock.on('error', () => sock.destroy()); // a console that went away; it reconnects on its own
    c.timer = setTimeout(
      () => this.refuse(c, `no subscribe message within ${this.opts.subscribeTimeoutMs ?? 5000} ms`),
      this.opts.subscribeTimeoutMs ?? 5000,
    );
    sock.on('data', (chunk: Buffer) => {
      if (c.refused) return;
      try {
        for (const line of decoder.push(chunk)) {
          const m = parseClientMessage(line);
          if (c.live) throw new Error('already subscribed; a client sends one subscribe message');
          this.subscribe(c, m);
        }
      } catch (err) {
        this.refuse(c, (err as Error).message);
      }
    });
    this.send(c, {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      agent: this.opts.agent,
      instance: this.instance,
      host: this.opts.host,
      pid: process.pid,
    });
  }

  private subscribe(c: Conn, m: ClientMessage): void {
    clearTimeout(c.timer);
    // No cursor: live from now. A cursor of this agent: what came after it. A cursor of an earlier agent:
    // everything this one still holds, since none of it can have been seen.
    const after = !m.resume ? this.ring.last : m.resume.instance === this.instance ? m.resume.after : 0;
    const { items, missed } = this.ring.since(after);
    if (missed > 0) this.send(c, { type: 'gap', missed });
    for (const n of items) this.send(c, eventMessage(n.seq, n.item));
    c.live = true;
    this.send(c, { type: 'status', status: this.opts.status() });
  }

  private send(c: Conn, m: AgentMessage): void {
    if (c.sock.destroyed) return;
    if (c.sock.writableLength > (this.opts.maxBacklogBytes ?? 16 * 1024 * 1024)) {
      c.sock.destroy(); // too slow: it resumes from the ring after reconnecting
      return;
    }
    c.sock.write(encodeMessage(m));
  }

  private refuse(c: Conn, message: string): void {
    if (c.refused) return;
    c.refused = true;
    clearTimeout(c.timer);
    this.send(c, { type: 'error', message });
    c.live = false;
    c.sock.end();
    setTimeout(() => c.sock.destroy(), 1000).unref();
  }
}

function eventMessage(seq: number, b: Buffered): AgentMessage {
  return b.seed
    ? { type: 'event', seq, event: b.event, seed: b.seed }
    : { type: 'event', seq, event: b.event };
}
