// The local agent's socket protocol: newline-delimited JSON, one message a line. The agent speaks first (hello
// with its protocol version); the console answers with subscribe (saying where it left off), then only listens.
import { z } from 'zod';
import type { EnrichedEvent, SensorHealth } from '../runtime/events';
import type { ImageSeed } from '../runtime/model-engine';

export const PROTOCOL_VERSION = 1;
/** Longest accepted line; an event with a huge argv is still far below this. */
export const MAX_LINE_BYTES = 1024 * 1024;
export const DEFAULT_SOCKET = '/run/moat/agent.sock';
export const DEFAULT_GROUP = 'moat';

export interface AgentStatus {
  /** starting: sensors are being brought up; failed: none could start. */
  phase: 'starting' | 'running' | 'failed';
  /** The process sensor in use: ebpf or procfs. */
  backend?: string;
  /** Why this backend (the eBPF error when /proc is the fallback), or why no sensor runs. */
  reason: string;
  sensors: SensorHealth[];
  /** Events dropped because enrichment fell behind. */
  dropped: number;
  errors: number;
  lastError?: string;
  since: string;
}

export type AgentMessage =
  | { type: 'hello'; protocol: number; agent: string; instance: string; host: string; pid: number }
  | { type: 'event'; seq: number; event: EnrichedEvent; seed?: ImageSeed }
  | { type: 'status'; status: AgentStatus }
  /** Events of this agent the client will never get (its buffer no longer holds them). */
  | { type: 'gap'; missed: number }
  | { type: 'error'; message: string };

export type ClientMessage = {
  type: 'subscribe';
  protocol: number;
  /** Where the client left off: the agent instance it last heard and the last sequence number it handled. */
  resume?: { instance: string; after: number };
};

/** A line that is not a valid message, or a line too long: the connection is closed with this reason. */
export class ProtocolError extends Error {}

/** Splits a byte stream into lines; refuses a line longer than `max` bytes before buffering more of it. */
export class LineDecoder {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(private readonly max = MAX_LINE_BYTES) {}

  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      this.take(chunk.subarray(start, nl));
      const line = Buffer.concat(this.parts, this.size).toString('utf8');
      this.parts = [];
      this.size = 0;
      if (line.trim() !== '') lines.push(line);
      start = nl + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start));
    return lines;
  }

  private take(b: Buffer): void {
    this.size += b.length;
    if (this.size > this.max) {
      this.parts = [];
      this.size = 0;
      throw new ProtocolError(`line longer than ${this.max} bytes`);
    }
    if (b.length > 0) this.parts.push(Buffer.from(b));
  }
}

export function encodeMessage(m: AgentMessage | ClientMessage): string {
  return `${JSON.stringify(m)}\n`;
}

const str = z.string().max(65536);
const int = z.number().int().safe();

const sensorHealth = z.object({
  backend: str,
  running: z.boolean(),
  restarts: int.nonnegative(),
  lost: int.nonnegative(),
  reason: str.optional(),
});

const enrichedEvent = z.object({
  time: str,
  host: str,
  source: str,
  kind: z.enum(['exec', 'exit', 'connect', 'listen', 'dns', 'file-write', 'container', 'sensor']),
  pid: int,
  ppid: int,
  uid: int,
  exe: str,
  name: str,
  argv: z.array(str).max(4096),
  cwd: str.optional(),
  containerId: str.optional(),
  execComm: str.optional(),
  mntns: int.optional(),
  addr: str.optional(),
  port: int.optional(),
  family: z.enum(['ipv4', 'ipv6']).optional(),
  query: str.optional(),
  path: str.optional(),
  op: z.enum(['create', 'open-write', 'rename', 'unlink', 'modify']).optional(),
  action: z.enum(['start', 'stop', 'die', 'kill', 'exec_create', 'exec_start', 'destroy']).optional(),
  detail: str.optional(),
  imageId: str.optional(),
  imageName: str.optional(),
  containerName: str.optional(),
  user: str.optional(),
  parentName: str.optional(),
  parentChain: z.array(str).max(64).optional(),
  viaExec: z.boolean().optional(),
});

const imageSeed = z.object({
  imageId: str,
  imageName: str,
  entrypoint: z.array(str).max(4096).optional(),
  cmd: z.array(str).max(4096).optional(),
  exposedPorts: z.array(str).max(4096).optional(),
});

const agentStatus = z.object({
  phase: z.enum(['starting', 'running', 'failed']),
  backend: str.optional(),
  reason: str,
  sensors: z.array(sensorHealth).max(64),
  dropped: int.nonnegative(),
  errors: int.nonnegative(),
  lastError: str.optional(),
  since: str,
});

const agentMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    protocol: int,
    agent: str,
    instance: str,
    host: str,
    pid: int,
  }),
  z.object({
    type: z.literal('event'),
    seq: int.positive(),
    event: enrichedEvent,
    seed: imageSeed.optional(),
  }),
  z.object({ type: z.literal('status'), status: agentStatus }),
  z.object({ type: z.literal('gap'), missed: int.nonnegative() }),
  z.object({ type: z.literal('error'), message: str }),
]);

const clientMessage = z.object({
  type: z.literal('subscribe'),
  protocol: int,
  resume: z.object({ instance: str, after: int.nonnegative() }).optional(),
});

// Compile-time check that the schemas produce exactly the declared message types.
const sameAgent: z.ZodType<AgentMessage> = agentMessage;
const sameClient: z.ZodType<ClientMessage> = clientMessage;

function parseLine<T>(line: string, schema: z.ZodType<T>, from: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new ProtocolError(`${from} sent a line that is not JSON: ${preview(line)}`);
  }
  // Check the version before the shape: a future version may shape its messages differently.
  const o = raw as { type?: unknown; protocol?: unknown };
  if (
    typeof raw === 'object' &&
    raw !== null &&
    (o.type === 'hello' || o.type === 'subscribe') &&
    o.protocol !== PROTOCOL_VERSION
  ) {
    throw new ProtocolError(
      `${from} speaks protocol version ${JSON.stringify(o.protocol)}; this side speaks ${PROTOCOL_VERSION} (run the same Moat version on both sides)`,
    );
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ProtocolError(
      `${from} sent an invalid message (${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'bad shape'}): ${preview(line)}`,
    );
  }
  return r.data;
}

/** Parses one line from the agent; throws ProtocolError naming what is wrong. */
export function parseAgentMessage(line: string): AgentMessage {
  return parseLine(line, sameAgent, 'the agent');
}

/** Parses one line from a client; throws ProtocolError naming what is wrong. */
export function parseClientMessage(line: string): ClientMessage {
  return parseLine(line, sameClient, 'the client');
}

function preview(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}…` : line);
}
