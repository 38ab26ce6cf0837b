import type { Language } from '../../../core/i18n-text.ts';

/** Every string the interface shows, Chinese first. Layer and category titles come from the registry. */
const zh = {
  appTitle: '城市更新一张图',
  appSubtitle: '南岸区“七个优化”',
  layers: '图层',
  openLayers: '打开图层面板',
  closeLayers: '关闭图层面板',
  close: '关闭',
  demoData: '演示数据',
  demoNotice: '标有“演示数据”的图层由固定种子生成，仅作示意，并非实测数据。',
  featureCount: '{count} 个',
  loading: '加载中…',
  mapLoading: '地图加载中…',
  loadFailed: '加载失败：{reason}',
  mapFailed: '地图出错：{reason}',
  networkFailed: '无法连接服务器',
  retry: '重试',
  searchLabel: '搜索镇街或社区',
  searchPlaceholder: '搜索镇街、社区（中文或拼音）',
  searching: '搜索中…',
  noResults: '没有匹配的镇街或社区',
  kindTown: '镇街',
  kindCommunity: '社区',
  switchLanguage: 'English',
  switchLanguageLabel: '切换到英文界面',
  mapLabel: '南岸区城市更新地图',
  community: '社区',
  town: '所属镇街',
  population: '人口',
  area: '面积',
  density: '人口密度',
  perKm2: '人/平方公里',
  km2: '平方公里',
  facilities: '设施',
  facilityType: '类型',
  facilityCount: '数量',
  capacity: '容量',
  zoomTo: '缩放至该社区',
  yes: '是',
  no: '否',
  zoomIn: '放大',
  zoomOut: '缩小',
  toggleAttribution: '数据来源',
  closePopup: '关闭弹窗',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appTitle: 'Renewal Atlas',
  appSubtitle: 'Nan’an “Seven Optimizations”',
  layers: 'Layers',
  openLayers: 'Open the layer panel',
  closeLayers: 'Close the layer panel',
  close: 'Close',
  demoData: 'demo data',
  demoNotice: 'Layers marked “demo data” are generated from a fixed seed for demonstration; they are not surveyed facts.',
  featureCount: '{count}',
  loading: 'Loading…',
  mapLoading: 'Loading the map…',
  loadFailed: 'Could not load: {reason}',
  mapFailed: 'Map error: {reason}',
  networkFailed: 'cannot reach the server',
  retry: 'Retry',
  searchLabel: 'Search a town or community',
  searchPlaceholder: 'Search towns, communities (Chinese or pinyin)',
  searching: 'Searching…',
  noResults: 'No town or community matches',
  kindTown: 'Town',
  kindCommunity: 'Community',
  switchLanguage: '中文',
  switchLanguageLabel: 'Switch to Chinese',
  mapLabel: 'Renewal map of Nan’an District',
  community: 'Community',
  town: 'Town',
  population: 'Population',
  area: 'Area',
  density: 'Density',
  perKm2: 'people/km²',
  km2: 'km²',
  facilities: 'Facilities',
  facilityType: 'Type',
  facilityCount: 'Count',
  capacity: 'Capacity',
  zoomTo: 'Zoom to the community',
  yes: 'Yes',
  no: 'No',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  toggleAttribution: 'Data sources',
  closePopup: 'Close the popup',
};

/**
 * Labels for enumerated column values (registry `values`), keyed `column.value`. The registry
 * declares the values but not their names; an unknown value is shown as stored.
 */
const zhValues: Record<string, string> = {
  'ownership.public': '公办',
  'ownership.inclusive': '普惠性民办',
  'ownership.private': '民办',
  'road_class.arterial': '主干路',
  'road_class.street': '街巷',
  'road_class.path': '步行小径',
  'kind.street': '街道',
  'kind.town': '镇',
  'seed_source.official': '官方',
  'seed_source.generated': '生成',
};

const enValues: Record<string, string> = {
  'ownership.public': 'Public',
  'ownership.inclusive': 'Inclusive private',
  'ownership.private': 'Private',
  'road_class.arterial': 'Arterial',
  'road_class.street': 'Street',
  'road_class.path': 'Path',
  'kind.street': 'Street (subdistrict)',
  'kind.town': 'Town',
  'seed_source.official': 'Official',
  'seed_source.generated': 'Generated',
};

const MESSAGES: Record<Language, Record<MessageKey, string>> = { zh, en };
const VALUES: Record<Language, Record<string, string>> = { zh: zhValues, en: enValues };

export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translateValue(language: Language, column: string, value: string): string {
  return VALUES[language][`${column}.${value}`] ?? value;
}
