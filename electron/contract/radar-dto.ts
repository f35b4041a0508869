// The container radar crossing the API boundary. Types only.
import type { RadarGraph } from '../../agent/radar/radar-graph';

export type { RadarEdge, RadarNode } from '../../agent/radar/radar-graph';

export interface RadarDto extends RadarGraph {
  /** Audits counted on nodes are those seen in this many last hours. */
  windowHours: number;
  generatedAt: string;
}
