import { describe, expect, it } from 'vitest';
import { buildRadar, type RadarContainer, type RadarModelFacts } from './radar-graph';

const web: RadarContainer = {
  id: 'c1',
  name: 'web-1',
  imageId: 'sha256:web',
  image: 'shop/web:1',
  ips: ['172.20.0.2'],
  networks: ['shop'],
};
const web2: RadarContainer = { ...web, id: 'c2', name: 'web-2', ips: ['172.20.0.3'] };
const db: RadarContainer = {
  id: 'c3',
  name: 'db-1',
  imageId: 'sha256:db',
  image: 'shop/db:1',
  ips: ['172.20.0.9'],
  networks: ['shop'],
};

const model = (outbound: RadarModelFacts['outbound'], listening: number[] = []): RadarModelFacts => ({
  state: 'active',
  listening,
  outbound,
});

describe('buildRadar', () => {
  it('makes one node per image with its containers, networks, risk and audit count', () => {
    const g = buildRadar({
      containers: [web, web2, db],
      images: new Map([['sha256:web', { critical: 2, high: 1, medium: 0, low: 0, complianceFailed: 3 }]]),
      models: new Map([['sha256:web', model([], [8080, 80])]]),
      audits: new Map([
        ['c1', 2],
        ['c2', 1],
      ]),
    });
    expect(g.nodes.map((n) => n.label)).toEqual(['shop/db:1', 'shop/web:1']);
    const w = g.nodes.find((n) => n.label === 'shop/web:1')!;
    expect(w).toMatchObject({
      containers: ['web-1', 'web-2'],
      networks: ['shop'],
      audits: 3,
      listening: [80, 8080],
      modelState: 'active',
      vulns: { critical: 2, complianceFailed: 3 },
    });
    expect(g.nodes.find((n) => n.label === 'shop/db:1')!.vulns).toBeUndefined();
    expect(g.edges).toEqual([]);
  });

  it('draws an edge to the image whose container holds a learned destination, ports merged', () => {
    const g = buildRadar({
      containers: [web, db],
      images: new Map(),
      models: new Map([
        [
          'sha256:web',
          model([
            { addr: '172.20.0.9', port: 5432 },
            { addr: '172.20.0.0/24', port: 6379 },
          ]),
        ],
      ]),
      audits: new Map(),
    });
    // The /24 also covers web's own container: a loop on web for 6379.
    expect(g.edges.map((e) => `${e.source} ${e.target} ${e.ports.join(',')}`)).toEqual([
      'image:sha256:web image:sha256:db 5432,6379',
      'image:sha256:web image:sha256:web 6379',
    ]);
  });

  it('draws outside destinations as external nodes, and ignores models of images without running containers', () => {
    const g = buildRadar({
      containers: [web],
      images: new Map(),
      models: new Map([
        ['sha256:web', model([{ addr: '10.9.8.7', port: 443 }])],
        ['sha256:gone', model([{ addr: '10.0.0.1', port: 22 }])],
      ]),
      audits: new Map(),
    });
    expect(g.nodes.map((n) => `${n.kind}:${n.label}`)).toEqual(['image:shop/web:1', 'external:10.9.8.7']);
    expect(g.edges.map((e) => `${e.source} ${e.target} ${e.ports.join(',')}`)).toEqual([
      'image:sha256:web external:10.9.8.7 443',
    ]);
  });

  it('links an image to itself when its containers talk to each other', () => {
    const g = buildRadar({
      containers: [web, web2],
      images: new Map(),
      models: new Map([['sha256:web', model([{ addr: '172.20.0.3', port: 80 }])]]),
      audits: new Map(),
    });
    expect(g.edges.map((e) => `${e.source} ${e.target}`)).toEqual(['image:sha256:web image:sha256:web']);
    expect(g.nodes).toHaveLength(1);
  });
});
