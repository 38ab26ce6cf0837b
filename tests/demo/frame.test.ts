import fs from 'node:fs';
import { describe, it, expect } from 'vitest';
import * as turf from '@turf/turf';
import { readFrame } from '../../server/demo/read-frame.ts';
import { geometryProblems, signedArea } from './geometry-checks.ts';

const frame = readFrame();
const rawRows = fs
  .readFileSync('geodata/nanan/divisions-500108.csv', 'utf8')
  .trim()
  .split('\n')
  .map((line) => line.split(','));

describe('readFrame', () => {
  it('reads 1 district, 15 towns (8 街道, 7 镇) and 150 communities', () => {
    expect(frame.district.code).toBe('500108000000');
    expect(frame.district.name).toBe('南岸区');
    expect(frame.towns).toHaveLength(15);
    expect(frame.towns.filter((t) => t.kind === 'street')).toHaveLength(8);
    expect(frame.towns.filter((t) => t.kind === 'town')).toHaveLength(7);
    expect(frame.communities).toHaveLength(150);
    expect(new Set(frame.communities.map((c) => c.code)).size).toBe(150);
    const townCodes = new Set(frame.towns.map((t) => t.code));
    expect(frame.communities.every((c) => townCodes.has(c.townCode))).toBe(true);
  });

  it('keeps the centre points that exist (60 communities; no town centre for 花园路 and 天文)', () => {
    expect(frame.communities.filter((c) => c.centre)).toHaveLength(60);
    expect(frame.towns.filter((t) => !t.centre).map((t) => t.name).sort()).toEqual(['天文街道', '花园路街道']);
    const xiakou = frame.towns.find((t) => t.name === '峡口镇')!;
    expect(frame.communities.filter((c) => c.townCode === xiakou.code && c.centre)).toHaveLength(0);
  });

  it('shortens names for display and gives every unit an English label', () => {
    expect(frame.communities.find((c) => c.code === '500108001002')!.name).toBe('桐梓坪社区');
    expect(frame.communities.find((c) => c.code === '500108001002')!.nameEn).toBe('Tongziping Community');
    expect(frame.communities.find((c) => c.code === '500108107206')!.nameEn).toBe('Longding Village');
    expect(frame.towns.find((t) => t.code === '500108001000')!.name).toBe('铜元局街道');
    expect(frame.towns.find((t) => t.code === '500108001000')!.nameEn).toBe('Tongyuanju Subdistrict');
    for (const unit of [...frame.towns, ...frame.communities]) {
      expect(unit.name).not.toMatch(/委员会|居委会|村委会|办事处/);
      expect(unit.nameEn).toMatch(/^[A-Z][a-z']+( [A-Za-z']+)* (Community|Village|Subdistrict|Town)$/);
    }
  });

  it('converts GCJ-02 to WGS84: every point moves by 300–600 m, rounded to 6 decimals', () => {
    for (const row of rawRows.filter((r) => r[12] && r[13])) {
      const unit = [...frame.towns, ...frame.communities].find((u) => u.code === row[0]);
      if (!unit) continue; // the district row itself
      const shiftM = turf.distance([Number(row[12]), Number(row[13])], unit.centre!, { units: 'kilometers' }) * 1000;
      expect(shiftM).toBeGreaterThan(300);
      expect(shiftM).toBeLessThan(600);
      // WGS84 lies south-west of GCJ-02 here: longitude smaller, latitude larger.
      expect(unit.centre![0]).toBeLessThan(Number(row[12]));
      expect(unit.centre![1]).toBeGreaterThan(Number(row[13]));
    }
  });

  it('returns a valid, counter-clockwise WGS84 boundary of about 263 km²', () => {
    const boundary = frame.district.boundary;
    expect(geometryProblems(boundary)).toEqual([]);
    expect(signedArea(boundary.coordinates[0])).toBeGreaterThan(0);
    expect(turf.area(boundary) / 1e6).toBeGreaterThan(255);
    expect(turf.area(boundary) / 1e6).toBeLessThan(270);
    const gcj = JSON.parse(fs.readFileSync('geodata/nanan/district-boundary.gcj02.geojson', 'utf8'));
    expect(boundary.coordinates[0]).toHaveLength(gcj.coordinates[0].length);
    const shiftM = turf.distance(turf.centroid(gcj), turf.centroid(boundary), { units: 'kilometers' }) * 1000;
    expect(shiftM).toBeGreaterThan(300);
    expect(shiftM).toBeLessThan(600);
  });
});
