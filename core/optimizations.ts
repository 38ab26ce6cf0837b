import type { BilingualText } from './i18n-text.ts';

/**
 * The "Seven Optimizations" (七个优化) of the district's renewal plan, plus `workflow` for the
 * lists the programme keeps (the residents' demands, which span all seven), and `base` for the
 * frame layers (boundary, towns, communities, roads, population) that every analysis stands on.
 */
export type OptimizationCategory = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 'workflow' | 'base';

export interface Optimization {
  category: OptimizationCategory;
  title: BilingualText;
  /** A hue that marks the category in legends and the layer panel. */
  color: string;
}

export const OPTIMIZATIONS: readonly Optimization[] = [
  { category: 1, title: { zh: '优化提升出行环境', en: 'Travel environment' }, color: '#1f78b4' },
  { category: 2, title: { zh: '优化配置教育资源', en: 'Education resources' }, color: '#e6550d' },
  { category: 3, title: { zh: '优化医疗养老服务', en: 'Health and elderly care' }, color: '#d62728' },
  { category: 4, title: { zh: '优化便民商业设施', en: 'Convenience commerce' }, color: '#9467bd' },
  { category: 5, title: { zh: '优化公共活动空间', en: 'Public space' }, color: '#2ca02c' },
  { category: 6, title: { zh: '优化培育产业楼宇园区', en: 'Industry buildings and parks' }, color: '#8c564b' },
  { category: 7, title: { zh: '优化改进社区安全管理', en: 'Community safety' }, color: '#636363' },
  { category: 'workflow', title: { zh: '群众需求清单', en: "Residents' demands" }, color: '#c51b7d' },
  { category: 'base', title: { zh: '基础底图', en: 'Base layers' }, color: '#444444' },
];

export function findOptimization(category: OptimizationCategory): Optimization {
  const found = OPTIMIZATIONS.find((optimization) => optimization.category === category);
  if (!found) throw new Error(`unknown optimization category ${String(category)}`);
  return found;
}
