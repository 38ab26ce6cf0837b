import { FACILITY_COLUMNS, choice, integer, text } from './define-layer.ts';
import type { LayerDefinition } from './define-layer.ts';
import { PUBLISHED_DEMAND_STATUSES } from '../demands/demand-states.ts';

export const DEMAND_ATTRIBUTION = 'Renewal Atlas demand list (residents, hotline, deputies, surveys)';

/**
 * Workflow records the public may see on the map. Each is a view (migration 0004) over its
 * workflow table with exactly these columns: never a submitter's contact, receipt code or the
 * staff's notes. Its routes write the table; a trigger bumps the view's layer version.
 */
export const WORKFLOW_LAYERS: readonly LayerDefinition[] = [
  {
    id: 'published_demands',
    title: { zh: '群众需求', en: "Residents' demands" },
    description: {
      zh: '群众需求清单中已受理、已纳入项目或已解决的需求',
      en: 'Demands in the demand list: accepted, planned into a project, or resolved',
    },
    kind: 'workflow',
    category: 'workflow',
    geometry: 'Point',
    properties: {
      title: { ...text('标题', 'Title'), required: true },
      optimization: integer('七个优化', 'Optimization'),
      type: text('类别', 'Type'),
      status: choice('状态', 'Status', PUBLISHED_DEMAND_STATUSES),
      support_count: integer('附议', 'Supports'),
      community_code: FACILITY_COLUMNS.community_code,
      town_code: FACILITY_COLUMNS.town_code,
      created_at: text('提交日期', 'Submitted on'),
      demo: FACILITY_COLUMNS.demo,
    },
    style: { color: '#c51b7d', size: 5 },
    minzoom: 8,
    maxzoom: 22,
    attribution: DEMAND_ATTRIBUTION,
    demo: true,
  },
];
