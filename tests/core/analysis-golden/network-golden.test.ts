import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatFixture, runNetworkFixture, type FixtureCollection } from './run-network-fixture.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/network/', import.meta.url));
const cases = readdirSync(`${FIXTURES}in`).filter((name) => name.endsWith('.geojson')).sort();

describe('network analysis goldens (npm run bless regenerates them)', () => {
  it('has a golden output for every input', () => {
    expect(readdirSync(`${FIXTURES}out`).sort()).toEqual(cases);
  });

  it.each(cases)('%s matches its golden', (file) => {
    const input = JSON.parse(readFileSync(`${FIXTURES}in/${file}`, 'utf8')) as FixtureCollection;
    expect(formatFixture(runNetworkFixture(input))).toBe(readFileSync(`${FIXTURES}out/${file}`, 'utf8'));
  });
});
