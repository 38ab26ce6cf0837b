import { FACILITY_COLUMNS, choice, flag, integer, real, text } from './define-layer.ts';
import type { LayerDefinition } from './define-layer.ts';
import { PUBLISHED_DEMAND_STATUSES } from '../demands/demand-states.ts';
import { PROJECT_PHASES } from '../projects/project-phases.ts';
import { SIZE_CLASSES } from '../projects/project-constants.ts';

export const PROJECT_ATTRIBUTION = 'Renewal Atlas project library (development commission)';
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
  {
    id: 'published_projects',
    title: { zh: '公开项目', en: 'Published projects' },
    description: {
      zh: '项目库中公开公示的项目：建什么、在哪里、谁负责、何时、进度如何',
      en: 'Projects of the project library made public: what, where, who, when and how far along',
    },
    kind: 'workflow',
    category: 'workflow',
    geometry: 'Geometry',
    properties: {
      code: text('项目编号', 'Code'),
      name: { ...text('项目名称', 'Name'), required: true },
      name_en: text('英文名', 'English name'),
      optimization: integer('七个优化', 'Optimization'),
      type: text('类别', 'Type'),
      phase: choice('阶段', 'Phase', PROJECT_PHASES),
      size_class: choice('规模', 'Size', SIZE_CLASSES),
      responsible_unit: text('责任单位', 'Responsible unit'),
      progress: real('进度（%）', 'Progress (%)'),
      opportunity: flag('城市机会清单', 'Opportunity list'),
      community_code: FACILITY_COLUMNS.community_code,
      town_code: FACILITY_COLUMNS.town_code,
      start_date: text('开始日期', 'Starts'),
      end_date: text('结束日期', 'Ends'),
      demo: FACILITY_COLUMNS.demo,
    },
    style: { color: '#d95f02', size: 4, fillOpacity: 0.35 },
    minzoom: 8,
    maxzoom: 22,
    attribution: PROJECT_ATTRIBUTION,
    demo: true,
  },
];
