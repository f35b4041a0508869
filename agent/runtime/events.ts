// The one event shape every sensor backend produces; enrichment and models consume only this.
export type RuntimeEventKind =
  'exec' | 'exit' | 'connect' | 'listen' | 'dns' | 'file-write' | 'container' | 'sensor';

export type FileOp = 'create' | 'open-write' | 'rename' | 'unlink' | 'modify';
export type ContainerAction = 'start' | 'stop' | 'die' | 'kill' | 'exec_create' | 'exec_start' | 'destroy';
export type AddressFamily = 'ipv4' | 'ipv6';

export interface RuntimeEvent {
  /** ISO-8601 time the event was observed. */
  time: string;
  host: string;
  /** Which sensor backend produced it (for gaps and health). */
  source: string;
  kind: RuntimeEventKind;
  pid: number;
  ppid: number;
  uid: number;
  /** Resolved executable path (busybox applets: the applet name from argv[0]/comm). */
  exe: string;
  /** Short process name: basename of argv[0] or comm. */
  name: string;
  argv: string[];
  cwd?: string;
  containerId?: string;
  /** exec: the command name before execve (runc:[2:INIT] when the runtime started it). */
  execComm?: string;
  /** Mount namespace inode (eBPF): maps short-lived processes to their container after they are gone. */
  mntns?: number;
  /** connect / listen */
  addr?: string;
  port?: number;
  family?: AddressFamily;
  /** dns */
  query?: string;
  /** file-write */
  path?: string;
  op?: FileOp;
  /** container */
  action?: ContainerAction;
  /** container exec command, or a sensor gap/notice. */
  detail?: string;
}

export type EventSink = (event: RuntimeEvent) => void;

export interface SensorHealth {
  backend: string;
  running: boolean;
  restarts: number;
  lost: number;
  reason?: string;
}

export interface Sensor {
  readonly backend: string;
  start(onEvent: EventSink): Promise<void>;
  stop(): Promise<void>;
  health(): SensorHealth;
}

/** Name of a process from what the kernel gave us; busybox re-execs applets via /proc/self/exe. */
export function processName(argv0: string | undefined, comm: string, filename: string): string {
  const base = (s: string): string => s.slice(s.lastIndexOf('/') + 1);
  if (argv0 && argv0.trim() !== '') return base(argv0.trim());
  if (comm) return comm;
  return base(filename);
}

/** exe for the model: the filename unless it is the /proc/self/exe trampoline, then argv[0]. */
export function resolveExe(filename: string, argv0: string | undefined): string {
  if (filename === '/proc/self/exe' || filename.startsWith('/proc/') || filename.startsWith('/dev/fd/')) {
    return argv0 && argv0 !== '' ? argv0 : filename;
  }
  return filename;
}

export function baseEvent(
  source: string,
  kind: RuntimeEventKind,
  host: string,
  fields: Partial<RuntimeEvent> = {},
): RuntimeEvent {
  return {
    time: new Date().toISOString(),
    host,
    source,
    kind,
    pid: 0,
    ppid: 0,
    uid: 0,
    exe: '',
    name: '',
    argv: [],
    ...fields,
  };
}

/** An event after enrichment: which container/image it belongs to and how the process got there. */
export interface EnrichedEvent extends RuntimeEvent {
  imageId?: string;
  imageName?: string;
  containerName?: string;
  /** Name resolved from the container's /etc/passwd. */
  user?: string;
  parentName?: string;
  /** Ancestor names, parent first, up to the container's init or the runtime shim. */
  parentChain?: string[];
  /** Process tree reaches the runtime shim without passing the container's init: a `docker exec`. */
  viaExec?: boolean;
}
