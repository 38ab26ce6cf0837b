import type { Language } from '../../../core/i18n-text.ts';

/** The words of the administrator's district form, Chinese first; its own dictionary, so only its chunk carries them. */
const zh = {
  district: '辖区数据',
  openDistrict: '打开辖区数据（更换辖区）',
  loading: '正在加载辖区数据表单…',
  intro: '上传另一个辖区的边界、镇街和社区（面，或社区中心点）、人口（人口网格，或各社区人口数）以及步行路网（线），检查后替换当前辖区。支持 GeoJSON、GeoPackage、Shapefile（zip），坐标系同数据导入。',
  boundary: '辖区边界',
  divisions: '镇街与社区',
  population: '人口（可选）',
  roads: '步行路网（线，可选；无路网则无法做步行分析）',
  check: '检查',
  checking: '正在读取和检查…',
  apply: '替换当前辖区',
  applying: '正在写入，全部写入或全部不写入…',
  cancel: '关闭',
  summary: '{name}（{code}）：{area} 平方公里',
  towns: '镇街',
  communities: '社区',
  people: '人口',
  shape: '社区形状',
  shapePolygons: '面',
  shapePoints: '由中心点生成网格',
  populationKind: '人口来源',
  roadNetwork: '步行路网',
  roadEdges: '{edges} 段、{nodes} 个节点，共 {km} 公里',
  noRoads: '无（步行覆盖、等时圈和选址无路网可用）',
  grid: '人口网格，{cells} 格',
  totals: '社区人口数，分摊到 {cells} 个约 100 米方格',
  replaces: '将替换：{name}（{towns} 个镇街、{communities} 个社区、{facilities} 个设施、{demands} 条需求、{projects} 个项目），设施、需求、项目、目标和调查一并清空，步行路网换为所给路网（未给则为空）。',
  applied: '已替换为 {name}。正在重新打开地图…',
  notes: '说明',
};

const en: Record<keyof typeof zh, string> = {
  district: 'District data',
  openDistrict: 'Open district data (replace the district)',
  loading: 'Loading the district form…',
  intro: 'Upload another district’s boundary, its towns and communities (polygons, or community centre points), its population (a grid, or each community’s total) and its walking network (lines); check, then replace the district served. GeoJSON, GeoPackage or a zipped shapefile, in the coordinate systems imports read.',
  boundary: 'District boundary',
  divisions: 'Towns and communities',
  population: 'Population (optional)',
  roads: 'Walking network (lines, optional; without it there is no walking analysis)',
  check: 'Check',
  checking: 'Reading and checking…',
  apply: 'Replace the district',
  applying: 'Writing, all or nothing…',
  cancel: 'Close',
  summary: '{name} ({code}): {area} km²',
  towns: 'Towns',
  communities: 'Communities',
  people: 'Population',
  shape: 'Communities',
  shapePolygons: 'polygons',
  shapePoints: 'grid drawn around centre points',
  populationKind: 'Population',
  roadNetwork: 'Walking network',
  roadEdges: '{edges} edges, {nodes} nodes, {km} km',
  noRoads: 'none (walking coverage, isochrones and siting have no network)',
  grid: 'a grid of {cells} cells',
  totals: 'community totals spread over {cells} squares of about 100 m',
  replaces: 'Replaces {name} ({towns} towns, {communities} communities, {facilities} facilities, {demands} demands, {projects} projects); facilities, demands, projects, targets and surveys are emptied with it, and the walking network becomes the roads file’s (none without one).',
  applied: 'Now serving {name}. Opening the map again…',
  notes: 'Notes',
};

export type DistrictMessageKey = keyof typeof zh;

export function translateDistrict(language: Language, key: DistrictMessageKey, values: Record<string, string | number> = {}): string {
  const text = (language === 'zh' ? zh : en)[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
