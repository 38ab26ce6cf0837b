import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const html = async (path: string) => (await app.request(path)).text();

describe('the OGC HTML pages as part of the product', () => {
  it('carry the product’s top bar in the page’s language, a language switch and a link back to the map', async () => {
    const chinese = await html('/ogc/collections?f=html');
    expect(chinese).toContain('<html lang="zh-CN"');
    expect(chinese).toContain('城市更新一张图');
    expect(chinese).toMatch(/<a class="button back" href="http:\/\/localhost\/#lang=zh">返回地图<\/a>/);
    expect(chinese).toMatch(/href="[^"]*lang=en[^"]*">English<\/a>/);
    const english = await html('/ogc/collections?f=html&lang=en');
    expect(english).toContain('Renewal Atlas');
    expect(english).toContain('Back to the map');
  });

  it('name towns and communities instead of showing their codes, and draw the page’s features', async () => {
    const [row] = await sql<{ id: number; name: string; community: string; community_code: string; town: string }[]>`
      SELECT k.id, k.name, c.name AS community, k.community_code, t.name AS town
      FROM kindergartens k JOIN communities c ON c.code = k.community_code JOIN towns t ON t.code = k.town_code ORDER BY k.id LIMIT 1`;
    const page = await html(`/ogc/collections/kindergartens/items/${row.id}?f=html`);
    expect(page).toContain(`>${row.community}</span>`);
    expect(page).toContain(`>${row.town}</span>`);
    expect(page).not.toMatch(new RegExp(`<td>${row.community_code}</td>`));
    expect(page).toContain(`<h1>幼儿园 · ${row.name}</h1>`);
    expect(page).toMatch(/<svg role="img"[^>]*>.*<circle class="point"/);
    // The map link opens the map at the feature with its layer on.
    expect(page).toMatch(/href="http:\/\/localhost\/#map=17\.00\/[\d.]+\/[\d.]+&amp;layers=district,towns,communities,roads,kindergartens&amp;lang=zh"/);

    const list = await html('/ogc/collections/kindergartens/items?f=html&limit=10&lang=en');
    expect((list.match(/<circle class="point"/g) ?? []).length).toBe(10);
    expect(list).toMatch(/layers=district,towns,communities,roads,kindergartens&amp;lang=en">Back to the map/);
    const roads = await html('/ogc/collections/roads/items?f=html&limit=5');
    expect(roads).toContain('<path class="line"');
  });
});
