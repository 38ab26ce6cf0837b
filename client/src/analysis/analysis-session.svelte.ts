import type { CoverageResponse } from '../../../core/analysis/api-contract.ts';
import { LIFE_CIRCLES } from '../../../core/standards.ts';
import { RemoteData } from '../state/remote-data.svelte.ts';
import type { GapCells, IsochroneResponse, LifeCircleResponse } from '../../../core/analysis/api-contract.ts';
import { fetchCoverage, fetchGapCells, fetchIsochrones, fetchLifeCircle, fetchScenario } from './analysis-api.ts';
import type { ScenarioResponse } from '../../../core/analysis/scenario-contract.ts';
import type { AnalysisSettings } from './analysis-settings.ts';
import { loadWhatIfInputs, type WhatIfInputs } from './what-if-inputs.ts';
import { WhatIfSession, type TimedStep } from './what-if-session.ts';

/** What a click on the map does while the panel is open. */
export type AnalysisTool = 'none' | 'isochrone' | 'propose';

declare global {
  interface Window {
    /** For the browser tests and the benchmark: the live what-if; not an API. */
    __atlasWhatIf?: WhatIfSession;
  }
}

/**
 * The analysis panel's state: the server's coverage and gap cells for the chosen settings, the
 * isochrones of the last click, the life-circle table and the in-browser what-if. Requests go
 * through RemoteData (loading, error, retry; a newer request cancels an older one).
 */
export class AnalysisSession {
  tool = $state<AnalysisTool>('none');
  isochroneOrigin = $state.raw<[number, number] | undefined>();
  whatIf = $state.raw<WhatIfSession | undefined>();
  /** Bumped on every what-if step, so views of the (mutable) session update. */
  whatIfVersion = $state(0);
  lastStep = $state.raw<TimedStep | undefined>();

  /** Staff may show coverage once the approved projects are built (the scenario) beside today's. */
  scenarioShown = $state(false);

  readonly coverage: RemoteData<CoverageResponse>;
  readonly scenario: RemoteData<ScenarioResponse>;
  readonly gaps: RemoteData<GapCells>;
  readonly isochrones: RemoteData<IsochroneResponse>;
  readonly lifeCircle: RemoteData<LifeCircleResponse>;
  readonly whatIfInputs: RemoteData<WhatIfInputs & { key: string }>;
  /** The layer and radius the current what-if was built for. */
  private whatIfKey = '';

  constructor(private readonly settings: () => AnalysisSettings) {
    this.coverage = new RemoteData((signal) => fetchCoverage(this.settings(), signal));
    this.scenario = new RemoteData((signal) => fetchScenario(this.settings(), signal));
    this.gaps = new RemoteData((signal) => fetchGapCells(this.settings(), signal));
    this.isochrones = new RemoteData((signal) => fetchIsochrones(...this.isochroneOrigin!, LIFE_CIRCLES.map((circle) => circle.minutes), signal));
    this.lifeCircle = new RemoteData((signal) => fetchLifeCircle(this.settings().mode, signal));
    this.whatIfInputs = new RemoteData(async (signal) => {
      const { layer, mode } = this.settings();
      return { ...(await loadWhatIfInputs(location.origin, layer, mode, signal)), key: `${layer}/${mode}` };
    });
  }

  /** New settings: new coverage and gaps; proposals belong to a layer and radius, so they go. */
  reloadCoverage(): void {
    void this.coverage.reload();
    void this.gaps.reload();
    if (this.scenarioShown) void this.scenario.reload();
    else this.scenario.clear();
    this.resetWhatIf();
  }

  showScenario(shown: boolean): void {
    this.scenarioShown = shown;
    if (shown) void this.scenario.reload();
    else this.scenario.clear();
  }

  isochroneAt(lon: number, lat: number): void {
    this.isochroneOrigin = [lon, lat];
    void this.isochrones.reload();
  }

  /** True when there was something to clear (Escape then goes no further). */
  clearIsochrone(): boolean {
    const had = Boolean(this.isochroneOrigin);
    this.isochroneOrigin = undefined;
    this.isochrones.clear();
    return had;
  }

  /** The what-if for the current layer and radius, built once its inputs are loaded. */
  ensureWhatIf(): void {
    const { layer, radius, mode } = this.settings();
    const inputs = this.whatIfInputs.value;
    if (inputs?.key !== `${layer}/${mode}`) {
      if (!this.whatIfInputs.loading && !this.whatIfInputs.error) void this.whatIfInputs.reload();
      return;
    }
    const key = `${layer}/${radius}/${mode}`;
    if (this.whatIf && this.whatIfKey === key) return;
    this.whatIf = new WhatIfSession(inputs, radius);
    this.whatIfKey = key;
    window.__atlasWhatIf = this.whatIf;
    this.lastStep = undefined;
    this.whatIfVersion += 1;
  }

  propose(lon: number, lat: number): number | undefined {
    if (!this.whatIf) return undefined;
    return this.record(this.whatIf.propose(lon, lat)).facility;
  }

  moveProposal(id: number, lon: number, lat: number): void {
    if (this.whatIf) this.record(this.whatIf.move(id, lon, lat));
  }

  removeProposal(id: number): void {
    if (this.whatIf) this.record(this.whatIf.remove(id));
  }

  clearProposals(): void {
    for (const proposal of this.whatIf?.proposals ?? []) this.removeProposal(proposal.id);
    this.lastStep = undefined;
  }

  dispose(): void {
    this.coverage.clear();
    this.scenario.clear();
    this.gaps.clear();
    this.isochrones.clear();
    this.lifeCircle.clear();
    this.whatIfInputs.clear();
    if (window.__atlasWhatIf === this.whatIf) window.__atlasWhatIf = undefined;
  }

  private resetWhatIf(): void {
    const { layer, mode } = this.settings();
    if (this.whatIfInputs.value?.key !== `${layer}/${mode}`) this.whatIfInputs.clear();
    this.whatIf = undefined;
    this.whatIfKey = '';
    this.lastStep = undefined;
    this.whatIfVersion += 1;
    if (this.tool === 'propose') this.ensureWhatIf();
  }

  private record(step: TimedStep): TimedStep {
    this.lastStep = step;
    this.whatIfVersion += 1;
    return step;
  }
}
