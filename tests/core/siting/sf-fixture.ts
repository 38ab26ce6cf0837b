import { readFileSync } from 'node:fs';
import type { CostMatrixRows } from '../../../core/siting/contract/siting-contract.ts';

const FILE = new URL('../../fixtures/spopt-sf/SF_network_distance_candidateStore_16_censusTract_205_new.csv', import.meta.url);

/** spopt's San Francisco case as a cost matrix: 16 stores × 205 tracts, tract population as weight. */
export function readSanFranciscoMatrix(): CostMatrixRows {
  const lines = readFileSync(FILE, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const column = (name: string) => header.indexOf(name);
  const [distanceAt, storeAt, tractAt, demandAt] = ['distance', 'name', 'DestinationName', 'demand'].map(column);
  const stores: string[] = [];
  const tracts: Array<{ id: string; weight: number }> = [];
  const distance = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const store = cells[storeAt];
    const tract = cells[tractAt];
    if (!stores.includes(store)) stores.push(store);
    if (!tracts.some((entry) => entry.id === tract)) tracts.push({ id: tract, weight: Number(cells[demandAt]) });
    distance.set(`${store}|${tract}`, Number(cells[distanceAt]));
  }
  return {
    candidates: stores,
    demands: tracts,
    distances: stores.map((store) => tracts.map((tract) => distance.get(`${store}|${tract.id}`) ?? null)),
  };
}
