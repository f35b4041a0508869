// The container radar as a graph: one node per image with running containers, edges for the connections their
// models learned (to another image's containers or to an outside address). Pure: the console feeds it facts.
import { addrMatches } from '../runtime/model-match';
import type { ModelEndpoint, ModelState } from '../runtime/models';

export interface RadarContainer {
  id: string;
  name: string;
  imageId: string;
  image: string;
  ips: string[];
  networks: string[];
}

export interface RadarImageFacts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  complianceFailed: number;
}

export interface RadarModelFacts {
  state: ModelState;
  listening: number[];
  outbound: ModelEndpoint[];
}

export interface RadarNode {
  id: string;
  kind: 'image' | 'external';
  label: string;
  imageId?: string;
  containers: string[];
  networks: string[];
  vulns?: RadarImageFacts;
  modelState?: ModelState;
  listening: number[];
  /** Container audits of its containers in the window the caller chose. */
  audits: number;
}

export interface RadarEdge {
  id: string;
  source: string;
  target: string;
  ports: number[];
}

export interface RadarGraph {
  nodes: RadarNode[];
  edges: RadarEdge[];
}

export interface RadarFacts {
  containers: RadarContainer[];
  images: ReadonlyMap<string, RadarImageFacts>;
  models: ReadonlyMap<string, RadarModelFacts>;
  /** Audit counts by container id. */
  audits: ReadonlyMap<string, number>;
}

export function buildRadar(f: RadarFacts): RadarGraph {
  const nodes = new Map<string, RadarNode>();
  for (const c of f.containers) {
    const id = `image:${c.imageId}`;
    const model = f.models.get(c.imageId);
    const node = nodes.get(id) ?? {
      id,
      kind: 'image' as const,
      label: c.image,
      imageId: c.imageId,
      containers: [],
      networks: [],
      vulns: f.images.get(c.imageId),
      modelState: model?.state,
      listening: [...(model?.listening ?? [])].sort((a, b) => a - b),
      audits: 0,
    };
    node.containers.push(c.name);
    for (const n of c.networks) if (!node.networks.includes(n)) node.networks.push(n);
    node.audits += f.audits.get(c.id) ?? 0;
    nodes.set(id, node);
  }
  const edges = new Map<string, RadarEdge>();
  const addEdge = (source: string, target: string, port: number): void => {
    const id = `${source}->${target}`;
    const e = edges.get(id) ?? { id, source, target, ports: [] };
    if (!e.ports.includes(port)) e.ports.push(port);
    e.ports.sort((a, b) => a - b);
    edges.set(id, e);
  };
  for (const [imageId, model] of f.models) {
    const source = `image:${imageId}`;
    if (!nodes.has(source)) continue;
    for (const out of model.outbound) {
      // Containers of the same image talking to each other show as a loop on the image.
      const peers = f.containers.filter((c) => c.ips.some((ip) => addrMatches(out.addr, ip)));
      if (peers.length > 0) {
        for (const imageOfPeer of new Set(peers.map((p) => p.imageId)))
          addEdge(source, `image:${imageOfPeer}`, out.port);
        continue;
      }
      const target = `external:${out.addr}`;
      if (!nodes.has(target)) {
        nodes.set(target, {
          id: target,
          kind: 'external',
          label: out.addr,
          containers: [],
          networks: [],
          listening: [],
          audits: 0,
        });
      }
      addEdge(source, target, out.port);
    }
  }
  const order = (n: RadarNode): string => `${n.kind === 'image' ? 0 : 1}${n.label}`;
  return {
    nodes: [...nodes.values()].sort((a, b) => order(a).localeCompare(order(b))),
    edges: [...edges.values()].sort((a, b) => a.id.localeCompare(b.id)),
  };
}
