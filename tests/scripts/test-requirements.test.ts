import { describe, expect, it } from 'vitest';
import { INSTALL_COMMAND, planPreflight, type PreflightFacts } from '../../scripts/test-requirements.ts';

const facts = (overrides: Partial<PreflightFacts>): PreflightFacts => ({ missing: [], root: false, aptGet: true, ci: false, installed: false, ...overrides });

describe('the test preflight', () => {
  it('names the one command that installs everything', () => {
    expect(INSTALL_COMMAND).toBe('sudo apt-get install -y chromium gdal-bin fonts-noto-cjk');
  });

  it('goes ahead when everything is there, whoever runs it', () => {
    for (const root of [false, true]) for (const ci of [false, true]) for (const aptGet of [false, true]) {
      expect(planPreflight(facts({ root, ci, aptGet }))).toEqual({ action: 'ready' });
    }
  });

  it('installs only the missing packages as root with apt-get, in CI too', () => {
    for (const ci of [false, true]) {
      const plan = planPreflight(facts({ missing: ['chromium', 'cjkFonts'], root: true, ci }));
      expect(plan).toMatchObject({ action: 'install', packages: ['chromium', 'fonts-noto-cjk'] });
    }
  });

  it('stops with the install command when it may not install', () => {
    const plan = planPreflight(facts({ missing: ['ogrinfo'] }));
    expect(plan.action).toBe('stop');
    expect(plan).toHaveProperty('message', expect.stringContaining(INSTALL_COMMAND));
    expect(plan).toHaveProperty('message', expect.stringContaining('GDAL'));
    expect(plan).toHaveProperty('message', expect.stringContaining('not root'));
  });

  it('stops as root when there is no apt-get, saying so', () => {
    const plan = planPreflight(facts({ missing: ['chromium'], root: true, aptGet: false }));
    expect(plan.action).toBe('stop');
    expect(plan).toHaveProperty('message', expect.stringContaining('apt-get is not on the PATH'));
  });

  it('is an error in CI when it cannot install, and says what CI must do', () => {
    const plan = planPreflight(facts({ missing: ['cjkFonts'], ci: true }));
    expect(plan.action).toBe('stop');
    expect(plan).toHaveProperty('message', expect.stringContaining('CI must provide them'));
  });

  it('never tries apt-get twice: what is still missing after installing stops the run', () => {
    const plan = planPreflight(facts({ missing: ['chromium'], root: true, installed: true }));
    expect(plan.action).toBe('stop');
    expect(plan).toHaveProperty('message', expect.stringContaining('Still missing after apt-get install'));
  });
});
