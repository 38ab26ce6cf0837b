import { createLocalPlane, planeX, planeY, type LocalPlane } from './geodesic.ts';
import type { NetworkSnap } from './network-snap.ts';
import type { RoadGraph } from './road-graph.ts';

/**
 * What one can reach within each walking budget, sampled on a square grid in a flat plane
 * around the origin. A place x is reached within budget B when some network point p has
 * network distance d(p) ≤ B and |x − p| ≤ min(offNetworkM, B − d(p)): the union of discs
 * around the reachable road points. Each budget gets a field
 *   excess_B(x) = min over p of ( |x − p| − min(offNetworkM, B − d(p)) ),
 * ≤ 0 exactly on the reached region and growing one metre per metre outside it, so its zero
 * contour is smooth (no grid staircase) and a larger budget's field is nowhere larger: the
 * regions, and their traced outlines, are nested.
 */
export interface ReachGrid {
  plane: LocalPlane;
  /** Plane coordinates (metres) of node (0, 0); node (i, j) is at x0 + i·cellM, y0 + j·cellM. */
  x0: number;
  y0: number;
  cellM: number;
  columns: number;
  rows: number;
  /** One field per budget, in the budgets' order; Infinity far outside, border nodes always. */
  fields: Float64Array[];
}

export interface ReachOrigin {
  lon: number;
  lat: number;
  snap: NetworkSnap;
}

/** Largest grid we build; the cell grows instead for long walks. */
const MAX_NODES = 400_000;

interface Samples {
  x: number[];
  y: number[];
  cost: number[];
}

/** Road points every `step` metres with their network distance, where within the budget. */
function sampleReachableRoads(graph: RoadGraph, nodeDistances: Float64Array, origin: ReachOrigin, plane: LocalPlane, budgetM: number, step: number): Samples {
  const samples: Samples = { x: [0], y: [0], cost: [0] };
  const { snap } = origin;
  for (let edge = 0; edge < graph.edgeCount; edge += 1) {
    const fromSource = nodeDistances[graph.edgeSource[edge]];
    const fromTarget = nodeDistances[graph.edgeTarget[edge]];
    const isOriginEdge = edge === snap.edge;
    if (Math.min(fromSource, fromTarget) > budgetM && !isOriginEdge) continue;
    const length = graph.edgeLength[edge];
    for (let vertex = graph.vertexOffset[edge]; vertex < graph.vertexOffset[edge + 1] - 1; vertex += 1) {
      const ax = planeX(plane, graph.vertexLon[vertex]);
      const ay = planeY(plane, graph.vertexLat[vertex]);
      const bx = planeX(plane, graph.vertexLon[vertex + 1]);
      const by = planeY(plane, graph.vertexLat[vertex + 1]);
      const fa = graph.vertexFraction[vertex];
      const fb = graph.vertexFraction[vertex + 1];
      const count = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / step));
      for (let sample = vertex === graph.vertexOffset[edge] ? 0 : 1; sample <= count; sample += 1) {
        const t = sample / count;
        const fraction = fa + (fb - fa) * t;
        let cost = Math.min(fromSource + fraction * length, fromTarget + (1 - fraction) * length);
        // From the origin's own edge one walks straight along it, not via a node.
        if (isOriginEdge) cost = Math.min(cost, snap.connectorM + Math.abs(fraction - snap.fraction) * length);
        if (cost > budgetM) continue;
        samples.x.push(ax + (bx - ax) * t);
        samples.y.push(ay + (by - ay) * t);
        samples.cost.push(cost);
      }
    }
  }
  return samples;
}

export function buildReachGrid(
  graph: RoadGraph,
  nodeDistances: Float64Array,
  origin: ReachOrigin,
  budgetsM: readonly number[],
  offNetworkM: number,
  preferredCellM: number,
): ReachGrid {
  const plane = createLocalPlane(origin.lon, origin.lat);
  const longest = Math.max(...budgetsM);
  const samples = sampleReachableRoads(graph, nodeDistances, origin, plane, longest, preferredCellM / 2);
  const margin = Math.min(offNetworkM, longest);
  const minX = Math.min(...samples.x) - margin;
  const maxX = Math.max(...samples.x) + margin;
  const minY = Math.min(...samples.y) - margin;
  const maxY = Math.max(...samples.y) + margin;
  const cellM = Math.max(preferredCellM, Math.sqrt(((maxX - minX) * (maxY - minY)) / MAX_NODES));
  // Three spare cells each side: the fields are finite up to two cells out, the border never.
  const x0 = minX - 3 * cellM;
  const y0 = minY - 3 * cellM;
  const columns = Math.ceil((maxX - minX) / cellM) + 7;
  const rows = Math.ceil((maxY - minY) / cellM) + 7;
  const fields = budgetsM.map(() => new Float64Array(columns * rows).fill(Infinity));
  const spill = 2 * cellM;
  for (let index = 0; index < samples.x.length; index += 1) {
    const x = samples.x[index];
    const y = samples.y[index];
    budgetsM.forEach((budget, band) => {
      if (samples.cost[index] > budget) return;
      const reach = Math.min(offNetworkM, budget - samples.cost[index]);
      const field = fields[band];
      const firstColumn = Math.max(1, Math.ceil((x - reach - spill - x0) / cellM));
      const lastColumn = Math.min(columns - 2, Math.floor((x + reach + spill - x0) / cellM));
      const firstRow = Math.max(1, Math.ceil((y - reach - spill - y0) / cellM));
      const lastRow = Math.min(rows - 2, Math.floor((y + reach + spill - y0) / cellM));
      for (let row = firstRow; row <= lastRow; row += 1) {
        const dy = y0 + row * cellM - y;
        for (let column = firstColumn; column <= lastColumn; column += 1) {
          const dx = x0 + column * cellM - x;
          const excess = Math.sqrt(dx * dx + dy * dy) - reach;
          const node = row * columns + column;
          if (excess < field[node]) field[node] = excess;
        }
      }
    });
  }
  return { plane, x0, y0, cellM, columns, rows, fields };
}
