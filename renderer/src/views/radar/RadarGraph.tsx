import { useEffect, useRef, type JSX } from 'react';
import cytoscape from 'cytoscape';
import type { RadarDto } from '../../../../electron/contract/index';
import { AUDITED_OUTLINE, nodeLabel, riskColour } from './radar-style';

/** The Cytoscape canvas; the table beside it carries the same facts for keyboards and screen readers. */
export function RadarGraph({ radar, onOpen }: { radar: RadarDto; onOpen(id: string): void }): JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const cy = cytoscape({
      container: box.current,
      // One or two nodes would otherwise be blown up to fill the box.
      maxZoom: 1.2,
      minZoom: 0.1,
      elements: [
        ...radar.nodes.map((n) => ({
          data: { id: n.id, label: nodeLabel(n), colour: riskColour(n), audited: n.audits > 0 ? 1 : 0 },
          classes: n.kind,
        })),
        ...radar.edges.map((e) => ({
          data: { id: e.id, source: e.source, target: e.target, label: e.ports.join(', ') },
        })),
      ],
      // Unconnected images sit in a grid; connected ones are spread by force so labels stay apart.
      layout:
        radar.edges.length === 0
          ? { name: 'grid', avoidOverlap: true, avoidOverlapPadding: 60, padding: 40 }
          : {
              name: 'cose',
              animate: false,
              nodeRepulsion: () => 400_000,
              idealEdgeLength: () => 160,
              padding: 40,
            },
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(colour)',
            label: 'data(label)',
            'text-wrap': 'wrap',
            'text-valign': 'bottom',
            'font-size': 11,
            'text-max-width': '160px',
            width: 36,
            height: 36,
          },
        },
        { selector: 'node.external', style: { shape: 'round-rectangle', width: 24, height: 24 } },
        {
          selector: 'node[audited = 1]',
          style: { 'border-width': 5, 'border-color': AUDITED_OUTLINE },
        },
        {
          selector: 'edge',
          style: {
            width: 2,
            'curve-style': 'bezier',
            'target-arrow-shape': 'triangle',
            label: 'data(label)',
            'font-size': 10,
          },
        },
      ],
    });
    cy.on('tap', 'node.image', (evt) => onOpen(String(evt.target.id())));
    return () => cy.destroy();
  }, [radar, onOpen]);
  return <div ref={box} className="radar-canvas" data-testid="radar-graph" aria-hidden="true" />;
}
