// The console's end of the local agent socket: connects, checks the protocol version, says where it left off,
// hands each new event on exactly once, and reconnects with backoff whenever the agent goes away.
import net from 'node:net';
import type { EnrichedEvent } from '../runtime/events';
import type { ImageSeed } from '../runtime/model-engine';
import {
  encodeMessage,
  LineDecoder,
  parseAgentMessage,
  ProtocolError,
  PROTOCOL_VERSION,
  type AgentMessage,
  type AgentStatus,
} from './protocol';

export interface AgentLinkOptions {
  socketPath: string;
  onEvent: (event: EnrichedEvent, seed: ImageSeed | undefined) => void;
  /** After each (re)connection is subscribed: the console seeds models for containers already running. */
  onSubscribed?: () => void;
  onError?: (err: Error) => void;
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** The agent sends its status every second: this long without a byte means it hangs, so reconnect. */
  silenceMs?: number;
}

export interface AgentLinkState {
  socket: string;
  connected: boolean;
  agent?: string;
  instance?: string;
  pid?: number;
  status?: AgentStatus;
  /** Connections made after the first one. */
  reconnects: number;
  /** Events the agent no longer held when this console asked for them. */
  missed: number;
  /** Why the last attempt failed or the connection dropped: an errno code (ENOENT, EACCES…) or 'protocol'. */
  errorCode?: string;
  lastError?: string;
}

export class AgentLink {
  private sock?: net.Socket;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private backoffMs: number;
  private connections = 0;
  private lastSeq = 0;
  private st: AgentLinkState;
  private firstAttempt?: () => void;

  constructor(private readonly opts: AgentLinkOptions) {
    this.backoffMs = opts.backoffMinMs ?? 250;
    this.st = { socket: opts.socketPath, connected: false, reconnects: 0, missed: 0 };
  }

  /** Starts connecting; resolves once the first attempt has either subscribed or failed (it keeps retrying). */
  start(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.firstAttempt = resolve;
      this.connect();
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.sock?.destroy();
    this.settleFirst();
  }

  state(): AgentLinkState {
    return { ...this.st };
  }

  private connect(): void {
    if (this.stopped) return;
    const sock = net.connect(this.opts.socketPath);
    this.sock = sock;
    const decoder = new LineDecoder();
    const conn = { sock, greeted: false, subscribed: false };
    sock.on('data', (chunk: Buffer) => {
      try {
        for (const line of decoder.push(chunk)) {
          const m = parseAgentMessage(line);
          if (!conn.greeted && m.type !== 'hello')
            throw new ProtocolError(`the agent spoke before saying hello (${m.type})`);
          if (conn.greeted && m.type === 'hello') throw new ProtocolError('the agent said hello twice');
          conn.greeted = true;
          this.handle(conn, m);
        }
      } catch (err) {
        this.fail('protocol', (err as Error).message);
        sock.destroy();
      }
    });
    sock.setTimeout(this.opts.silenceMs ?? 10_000, () => {
      this.fail(
        'timeout',
        `the agent at ${this.opts.socketPath} sent nothing for ${this.opts.silenceMs ?? 10_000} ms`,
      );
      sock.destroy();
    });
    sock.on('error', (err: NodeJS.ErrnoException) => this.fail(err.code ?? 'error', err.message));
    sock.on('close', () => {
      if (this.sock !== sock) return;
      this.st.connected = false;
      this.settleFirst();
      if (this.stopped) return;
      this.timer = setTimeout(() => this.connect(), this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, this.opts.backoffMaxMs ?? 5000);
    });
  }

  private handle(conn: { sock: net.Socket; subscribed: boolean }, m: AgentMessage): void {
    switch (m.type) {
      case 'hello': {
        const resume = this.st.instance ? { instance: this.st.instance, after: this.lastSeq } : undefined;
        // A new agent process numbers from 1 again; what it sends is new to us whatever the numbers say.
        if (m.instance !== this.st.instance) this.lastSeq = 0;
        Object.assign(this.st, { agent: m.agent, instance: m.instance, pid: m.pid, connected: true });
        if (this.connections++ > 0) this.st.reconnects++;
        conn.sock.write(
          encodeMessage({ type: 'subscribe', protocol: PROTOCOL_VERSION, ...(resume ? { resume } : {}) }),
        );
        return;
      }
      case 'event':
        if (m.seq <= this.lastSeq) return; // already handled before a reconnect
        this.lastSeq = m.seq;
        try {
          this.opts.onEvent(m.event, m.seed);
        } catch (err) {
          this.opts.onError?.(err as Error);
        }
        return;
      case 'status': {
        this.st.status = m.status;
        if (!conn.subscribed) {
          // the first status ends the replay: this connection is live
          conn.subscribed = true;
          delete this.st.errorCode;
          delete this.st.lastError;
          this.backoffMs = this.opts.backoffMinMs ?? 250;
          this.opts.onSubscribed?.();
        }
        this.settleFirst();
        return;
      }
      case 'gap':
        this.st.missed += m.missed;
        return;
      case 'error':
        this.fail('refused', `the agent refused this console: ${m.message}`);
        return;
    }
  }

  private fail(code: string, message: string): void {
    this.st.errorCode = code;
    this.st.lastError = message;
  }

  private settleFirst(): void {
    const f = this.firstAttempt;
    this.firstAttempt = undefined;
    f?.();
  }
}
