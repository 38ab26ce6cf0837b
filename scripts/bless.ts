/**
 * `npm run bless`: regenerate the golden outputs of the network fixtures
 * (tests/fixtures/network/in/*.geojson → out/*.geojson) from the current code.
 * Run it only when a change of output is intended, then read the diff (or open both files in
 * QGIS) before committing: the goldens are the record of what the analysis answers.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatFixture, runNetworkFixture, type FixtureCollection } from '../tests/core/analysis-golden/run-network-fixture.ts';

const FIXTURES = fileURLToPath(new URL('../tests/fixtures/network/', import.meta.url));

let changed = 0;
for (const file of readdirSync(`${FIXTURES}in`).filter((name) => name.endsWith('.geojson')).sort()) {
  const input = JSON.parse(readFileSync(`${FIXTURES}in/${file}`, 'utf8')) as FixtureCollection;
  const output = formatFixture(runNetworkFixture(input));
  let previous = '';
  try {
    previous = readFileSync(`${FIXTURES}out/${file}`, 'utf8');
  } catch {
    // a new fixture: no golden yet
  }
  if (previous !== output) {
    writeFileSync(`${FIXTURES}out/${file}`, output);
    changed += 1;
  }
  console.log(`${previous === output ? 'unchanged' : 'written  '} out/${file}`);
}
console.log(changed ? `${changed} golden file(s) changed: review the diff before committing.` : 'all goldens unchanged.');
