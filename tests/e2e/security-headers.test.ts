import { describe, expect, it } from 'vitest';
import { DESKTOP, useBrowser, waitForIdleMap } from './browser.ts';

const { browser, appUrl } = useBrowser();

/** The built client as the server sends it: the same headers as the API's answers. */
function expectSecurityHeaders(headers: Headers) {
  const policy = headers.get('Content-Security-Policy') ?? '';
  const scripts = /(?:^|;)\s*script-src ([^;]*)/.exec(policy)?.[1] ?? '';
  expect(scripts).toContain("'self'");
  expect(scripts).not.toContain('unsafe-inline');
  expect(policy).toMatch(/(?:^|;)\s*frame-ancestors 'none'/);
  expect(headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(headers.get('Referrer-Policy')).toBe('same-origin');
}

describe('the static client', () => {
  it('sends its page with the security headers', async () => {
    const response = await fetch(`${appUrl}/`);
    expect(response.status).toBe(200);
    expectSecurityHeaders(response.headers);
  });

  it('sends its scripts with the security headers', async () => {
    const page = await (await fetch(`${appUrl}/`)).text();
    const script = /<script[^>]+src="([^"]+)"/.exec(page)?.[1];
    expect(script).toBeDefined();
    const response = await fetch(new URL(script!, appUrl));
    expect(response.status).toBe(200);
    expectSecurityHeaders(response.headers);
  });

  it('has no inline script the policy would block', async () => {
    const page = await (await fetch(`${appUrl}/`)).text();
    const inline = [...page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].filter((match) => match[1].trim());
    expect(inline).toEqual([]);
  });

  it('draws the map under the policy, with nothing refused', async () => {
    const page = await browser().newPage({ viewport: DESKTOP });
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
    });
    await page.goto(appUrl);
    await waitForIdleMap(page);
    expect(refusals).toEqual([]);
    await page.close();
  });
});
