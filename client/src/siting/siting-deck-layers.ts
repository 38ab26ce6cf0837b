import type { DemandSet } from '../../../core/analysis/demand-set.ts';
import { metresPerDegreeAt } from '../../../core/analysis/geodesic.ts';
import type { SitingResult } from '../../../core/siting/index.ts';
import { ASSIGNMENT_COLOR, SITING_COVERED_COLOR } from '../analysis/analysis-colors.ts';
import type { DeckModule, OverlayGroup } from '../analysis/analysis-overlay.ts';

/** The population grid's cell (the registry's "100 m population grid"); the demand sends centres only. */
const POPULATION_CELL_M = 100;

type Position = [number, number];

export interface CoveredCell {
  id: number;
  population: number;
  square: Position[];
}

export interface AssignmentLine {
  from: Position;
  to: Position;
}

/** The newly covered cells as squares around their centres, looked up by population cell id. */
export function coveredCellSquares(demand: DemandSet, cellIds: readonly number[]): CoveredCell[] {
  const indexOf = new Map(Array.from(demand.ids, (id, index) => [id, index]));
  const cells: CoveredCell[] = [];
  for (const id of cellIds) {
    const index = indexOf.get(id);
    if (index === undefined) continue;
    const [lon, lat] = [demand.lon[index], demand.lat[index]];
    const scale = metresPerDegreeAt(lat);
    const [halfLon, halfLat] = [POPULATION_CELL_M / 2 / scale.lon, POPULATION_CELL_M / 2 / scale.lat];
    cells.push({
      id,
      population: demand.population[index],
      square: [[lon - halfLon, lat - halfLat], [lon + halfLon, lat - halfLat], [lon + halfLon, lat + halfLat], [lon - halfLon, lat + halfLat]],
    });
  }
  return cells;
}

/** p-median: a line from each demand to the new site it is assigned to (kept facilities carry no line). */
export function assignmentLines(result: SitingResult): AssignmentLine[] {
  return (result.assignments ?? []).flatMap((assignment) =>
    assignment.facility !== null && assignment.lon !== undefined && assignment.lat !== undefined && assignment.facilityLon !== undefined && assignment.facilityLat !== undefined
      ? [{ from: [assignment.lon, assignment.lat] as Position, to: [assignment.facilityLon, assignment.facilityLat] as Position }]
      : []);
}

/** The siting result's deck.gl layers (the chosen sites themselves are HTML markers, see site-markers.ts). */
export function buildSitingLayers(deck: DeckModule, cells: readonly CoveredCell[], lines: readonly AssignmentLine[], describeCell: (cell: CoveredCell) => string): OverlayGroup {
  const layers = [
    cells.length > 0 && new deck.PolygonLayer<CoveredCell>({
      id: 'siting-newly-covered',
      data: [...cells],
      getPolygon: (cell) => cell.square,
      // A pixel of outline keeps 100 m cells visible when the whole district is in view.
      stroked: true,
      getLineColor: SITING_COVERED_COLOR,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      pickable: true,
      getFillColor: SITING_COVERED_COLOR,
    }),
    lines.length > 0 && new deck.LineLayer<AssignmentLine>({
      id: 'siting-assignments',
      data: [...lines],
      getSourcePosition: (line) => line.from,
      getTargetPosition: (line) => line.to,
      getColor: ASSIGNMENT_COLOR,
      widthUnits: 'pixels',
      getWidth: 1,
    }),
  ].filter(Boolean) as OverlayGroup['layers'];
  return {
    layers,
    describe: ({ object, layer }) => (layer?.id === 'siting-newly-covered' && object ? describeCell(object as CoveredCell) : null),
  };
}
