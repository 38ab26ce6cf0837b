import { describe, expect, it } from 'vitest';
import { newProjectSchema, phaseChangeSchema, projectPatchSchema } from '../../../core/projects/project-contract.ts';
import { canEditProject, canInspectProject } from '../../../core/projects/project-access.ts';

const kindergarten = {
  name: '南坪幼儿园新建工程',
  optimization: 2,
  type: 'kindergarten',
  geometry: { type: 'Point', coordinates: [106.56, 29.52] },
  sizeClass: 'small',
  responsibleUnit: '区教委',
  funding: [{ source: 'fiscal', amount: 12_000_000 }],
  deliverables: [{ indicator: 'seats', amount: 270 }],
  facility: { layer: 'kindergartens', properties: { name: '南坪幼儿园', seats: 270 } },
  demandIds: [1, 2],
};

describe('the project request contract', () => {
  it('takes the issue’s core call and fills the defaults', () => {
    const parsed = newProjectSchema.parse(kindergarten);
    expect(parsed).toMatchObject({ weight: 1, published: false, opportunity: false, milestones: [], schedule: {} });
  });

  it('refuses unknown fields, bad funding sources, repeated sources and invalid facilities', () => {
    expect(newProjectSchema.safeParse({ ...kindergarten, phase: 'completed' }).success).toBe(false);
    expect(newProjectSchema.safeParse({ ...kindergarten, funding: [{ source: 'lottery', amount: 1 }] }).success).toBe(false);
    expect(newProjectSchema.safeParse({ ...kindergarten, funding: [{ source: 'fiscal', amount: 1 }, { source: 'fiscal', amount: 2 }] }).success).toBe(false);
    expect(newProjectSchema.safeParse({ ...kindergarten, facility: { layer: 'communities', properties: { name: 'x' } } }).success).toBe(false);
    const missingName = newProjectSchema.safeParse({ ...kindergarten, facility: { layer: 'kindergartens', properties: { seats: 270 } } });
    expect(missingName.success).toBe(false);
    expect(missingName.error?.issues[0].path).toEqual(['facility', 'properties', 'name']);
    expect(newProjectSchema.safeParse({ ...kindergarten, facility: { layer: 'kindergartens', properties: { name: 'x', seats: -1 } } }).success).toBe(false);
  });

  it('takes lines, polygons and multi-geometries, not collections', () => {
    const line = { type: 'MultiLineString', coordinates: [[[106.5, 29.5], [106.51, 29.5]], [[106.52, 29.5], [106.53, 29.51]]] };
    expect(newProjectSchema.safeParse({ ...kindergarten, geometry: line }).success).toBe(true);
    expect(newProjectSchema.safeParse({ ...kindergarten, geometry: { type: 'GeometryCollection', geometries: [] } }).success).toBe(false);
  });

  it('checks dates as calendar days and phases as the machine’s', () => {
    expect(phaseChangeSchema.safeParse({ phase: 'approved', date: '2026-05-01' }).success).toBe(true);
    expect(phaseChangeSchema.safeParse({ phase: 'approved', date: '2026-02-30' }).success).toBe(false);
    expect(phaseChangeSchema.safeParse({ phase: 'built' }).success).toBe(false);
    expect(projectPatchSchema.safeParse({ schedule: { design: { plannedStart: '2026-05-01', plannedEnd: '2026-04-01' } } }).success).toBe(false);
    expect(projectPatchSchema.safeParse({}).success).toBe(false);
  });
});

describe('who works on a project', () => {
  const town = { username: 't', displayName: 'T', role: 'town' as const, town: '500108001', communities: [] };
  const project = { phase: 'proposed' as const, primaryTown: '500108001', primaryCommunity: '500108001001' };
  it('gives a town its own proposals until approved, and its inspections', () => {
    expect(canEditProject(town, project)).toBe(true);
    expect(canEditProject(town, { ...project, phase: 'approved' })).toBe(false);
    expect(canEditProject(town, { ...project, primaryTown: '500108002' })).toBe(false);
    expect(canInspectProject(town, project)).toBe(true);
    expect(canInspectProject(town, { primaryTown: '500108002' })).toBe(false);
    expect(canEditProject(null, project)).toBe(false);
  });
});
