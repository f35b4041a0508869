// Enrichment: pid → container → image, parent, user, and whether the process came in through `docker exec`.
import type Docker from 'dockerode';
import type { EnrichedEvent, RuntimeEvent } from './events';
import { containerIdFromCgroup, mountNamespaceOf, parsePasswd, readStat, readText } from './proc-read';
import { ownMountNamespace } from './tracefs';

export interface ContainerFacts {
  id: string;
  name: string;
  imageId: string;
  imageName: string;
  initPid: number;
  /** When Docker created the container (ms since the epoch). */
  createdMs?: number;
  mntns?: number;
  upperDir?: string;
  entrypoint: string[];
  cmd: string[];
  exposedPorts: string[];
  users: Map<number, string>;
}

const REFRESH_MS = 500;
const MAX_CHAIN = 16;

export class Enricher {
  private facts = new Map<string, Promise<ContainerFacts | undefined>>();
  private byMntns = new Map<number, string>();
  private lastRefresh = 0;
  private lastExec = new Map<string, number>();
  private readonly hostMntns: number;

  constructor(
    private readonly docker: Docker,
    private readonly recentExecMs = 5000,
  ) {
    this.hostMntns = ownMountNamespace();
  }

  async enrich(e: RuntimeEvent): Promise<EnrichedEvent> {
    if (e.kind === 'container') this.noteContainerEvent(e);
    const id = e.containerId ?? (await this.containerOf(e));
    if (!id) return { ...e };
    const facts = await this.container(id);
    if (!facts) return { ...e, containerId: id };
    const parent = e.ppid > 0 ? readStat(e.ppid) : undefined;
    const user = facts.users.get(e.uid);
    return {
      ...e,
      containerId: id,
      imageId: facts.imageId,
      imageName: facts.imageName,
      containerName: facts.name,
      ...(user ? { user } : {}),
      ...(parent ? { parentName: parent.comm } : {}),
      ...(e.kind === 'exec' ? { parentChain: parentChain(e.ppid, facts.initPid) } : {}),
      ...(e.kind === 'exec' || e.kind === 'container' ? { viaExec: this.viaExec(e, facts) } : {}),
    };
  }

  /** Cached `docker inspect` of a container (and its users from /etc/passwd); undefined when it is gone. */
  container(id: string): Promise<ContainerFacts | undefined> {
    let p = this.facts.get(id);
    if (!p) {
      p = this.inspect(id);
      this.facts.set(id, p);
      void p.then((f) => {
        // not there yet, gone, or not started (no init pid): ask again next time
        if (!f || f.initPid <= 0) this.facts.delete(id);
      });
    }
    return p;
  }

  private noteContainerEvent(e: RuntimeEvent): void {
    if (!e.containerId) return;
    if (e.action === 'exec_start') this.lastExec.set(e.containerId, Date.parse(e.time));
    if (e.action === 'die' || e.action === 'destroy') {
      this.facts.delete(e.containerId);
      for (const [ns, id] of this.byMntns) if (id === e.containerId) this.byMntns.delete(ns);
    }
  }

  private async containerOf(e: RuntimeEvent): Promise<string | undefined> {
    if (e.mntns !== undefined) {
      if (e.mntns === this.hostMntns) return undefined;
      const known = this.byMntns.get(e.mntns);
      if (known) return this.unlessNewer(known, e);
      await this.refreshNamespaces();
      const after = this.byMntns.get(e.mntns);
      if (after) return this.unlessNewer(after, e);
    }
    for (const pid of [e.pid, e.ppid]) {
      if (pid <= 0) continue;
      const cg = readText(`/proc/${pid}/cgroup`, 65536);
      const id = cg ? containerIdFromCgroup(cg) : undefined;
      if (id) return id;
    }
    return undefined;
  }

  /**
   * The kernel reuses a freed namespace's inode number: an event of a container that has since died can carry the
   * number of a container created after it. Such an event is not that container's.
   */
  private async unlessNewer(id: string, e: RuntimeEvent): Promise<string | undefined> {
    const f = await this.container(id);
    return f && eventPredates(e.time, f.createdMs) ? undefined : id;
  }

  /** Maps each running container's mount namespace to its id; rate-limited because misses can be frequent. */
  private async refreshNamespaces(): Promise<void> {
    if (Date.now() - this.lastRefresh < REFRESH_MS) return;
    this.lastRefresh = Date.now();
    const list = await this.docker.listContainers({ filters: { status: ['running'] } });
    for (const c of list) {
      const f = await this.container(c.Id);
      if (f?.mntns) this.byMntns.set(f.mntns, f.id);
    }
  }

  private async inspect(id: string): Promise<ContainerFacts | undefined> {
    let info: Docker.ContainerInspectInfo;
    try {
      info = await this.docker.getContainer(id).inspect();
    } catch {
      return undefined;
    }
    const initPid = info.State?.Pid ?? 0;
    let imageName = info.Config?.Image ?? '';
    let entrypoint: string[] = [];
    let cmd: string[] = [];
    let exposed: string[] = [];
    try {
      const img = await this.docker.getImage(info.Image).inspect();
      imageName = img.RepoTags?.[0] ?? imageName;
      entrypoint = asList(img.Config?.Entrypoint);
      cmd = asList(img.Config?.Cmd);
      exposed = Object.keys(img.Config?.ExposedPorts ?? {});
    } catch {
      // the image was removed under a running container: keep what the container says
    }
    const passwd = initPid > 0 ? readText(`/proc/${initPid}/root/etc/passwd`) : undefined;
    const facts: ContainerFacts = {
      id: info.Id,
      name: info.Name.replace(/^\//, ''),
      imageId: info.Image,
      imageName,
      initPid,
      createdMs: Date.parse(info.Created) || undefined,
      upperDir: (info.GraphDriver?.Data as Record<string, string> | undefined)?.UpperDir,
      entrypoint,
      cmd,
      exposedPorts: exposed,
      users: passwd ? parsePasswd(passwd) : new Map(),
    };
    const ns = initPid > 0 ? mountNamespaceOf(initPid) : undefined;
    if (ns) {
      facts.mntns = ns;
      this.byMntns.set(ns, info.Id);
    }
    return facts;
  }

  private viaExec(e: RuntimeEvent, facts: ContainerFacts): boolean {
    if (e.kind === 'container') return e.action === 'exec_start' || e.action === 'exec_create';
    if (e.pid === facts.initPid) return false;
    // runc's init execs both the entrypoint (the init pid) and every `docker exec` command.
    if (e.execComm?.startsWith('runc:')) return true;
    let pid = e.ppid;
    for (let i = 0; i < MAX_CHAIN && pid > 1; i++) {
      if (pid === facts.initPid) return false;
      const st = readStat(pid);
      if (!st) break;
      if (st.comm.startsWith('containerd-shim')) return true;
      pid = st.ppid;
    }
    const last = this.lastExec.get(facts.id);
    return last !== undefined && Date.parse(e.time) - last < this.recentExecMs;
  }
}

/** Names of the ancestors from the parent up to the container's init or the runtime shim (nearest first). */
/**
 * Whether an event was observed before a container existed. Events carry the time they were observed (never earlier
 * than they happened) and Docker stamps Created before the runtime makes the namespaces, so no slack is needed.
 */
export function eventPredates(eventTime: string, createdMs: number | undefined): boolean {
  const t = Date.parse(eventTime);
  return createdMs !== undefined && Number.isFinite(t) && t < createdMs;
}

export function parentChain(ppid: number, initPid: number, read = readStat): string[] {
  const chain: string[] = [];
  let pid = ppid;
  for (let i = 0; i < MAX_CHAIN && pid > 0; i++) {
    const st = read(pid);
    if (!st) break;
    chain.push(st.comm);
    if (pid === initPid || st.comm.startsWith('containerd-shim') || pid === 1) break;
    pid = st.ppid;
  }
  return chain;
}

function asList(v: string[] | string | null | undefined): string[] {
  if (!v) return [];
  return Array.isArray(v) ? v : [v];
}
