/**
 * Siting figures on synthetic city-sized covering instances (tests/core/siting/synthetic-covering.ts),
 * part of `npm run bench -- siting` and printed against its baseline: the MCLP heuristic at city
 * scale, and how soon a run ends once it is asked to stop (the panel's cancel button), in the
 * heuristic and inside HiGHS. The tests check what these runs return; this measures how fast.
 */
import { SitingCancelled, solveSiting, type MipSolver, type SitingProgress } from '../../core/siting/index.ts';
import { createCityCovering } from '../../tests/core/siting/synthetic-covering.ts';
import { formatMs, heading, median, report } from './measure.ts';

const verdict = (ms: number, targetMs: number) => `≤ ${formatMs(targetMs)} ${ms <= targetMs ? 'met' : 'MISSED'}`;

/** A stop button: pressed once, remembered with the time it was pressed. */
class StopRequest {
  askedAt = NaN;
  ask(): void {
    if (Number.isNaN(this.askedAt)) this.askedAt = performance.now();
  }
  readonly asked = (): boolean => !Number.isNaN(this.askedAt);
}

/** Runs until cancelled; returns the whole run's time and the time from the stop request to the end. */
function timeCancelledRun(run: (stop: StopRequest) => void): { totalMs: number; afterStopMs: number } {
  const stop = new StopRequest();
  const started = performance.now();
  try {
    run(stop);
  } catch (error) {
    if (!(error instanceof SitingCancelled)) throw error;
    const ended = performance.now();
    return { totalMs: ended - started, afterStopMs: ended - stop.askedAt };
  }
  throw new Error('the run finished although it was asked to stop');
}

export function benchSitingAtScale(solver: MipSolver, baseline: number): void {
  heading('synthetic city: MCLP p = 10, 6,500 candidates × 19,000 demands (about 7.5 candidates reach each)');
  const city = createCityCovering(6500, 19_000, 7.5, 7);
  solveSiting(city, { model: 'mclp', p: 3, method: 'heuristic', timeLimitS: 5 }); // warm the JIT on the same instance
  const runs = Array.from({ length: 3 }, () => {
    const started = performance.now();
    const solution = solveSiting(city, { model: 'mclp', p: 10, method: 'heuristic', timeLimitS: 5 });
    return { ms: performance.now() - started, solution };
  });
  const heuristicMs = median(runs.map((run) => run.ms));
  report('heuristic + bound, median of 3', formatMs(heuristicMs), heuristicMs / baseline, verdict(heuristicMs, 1000));
  report(`  ${runs[0].solution.status}, objective ${runs[0].solution.objective.toLocaleString('en-GB')}, bound ${runs[0].solution.bound.toLocaleString('en-GB')}`, '');

  heading('cancelling a run: the time to a stop, and from the stop request (shouldStop) to the end');
  const large = createCityCovering(3000, 9000, 7, 3);
  const heuristicStop = timeCancelledRun((stop) => {
    let polls = 0;
    const shouldStop = () => {
      polls += 1;
      if (polls > 20) stop.ask();
      return stop.asked();
    };
    solveSiting(large, { model: 'mclp', p: 50, method: 'heuristic', timeLimitS: 5, shouldStop });
  });
  report('MCLP p = 50 heuristic (3,000 × 9,000), 20 polls', formatMs(heuristicStop.totalMs), heuristicStop.totalMs / baseline, verdict(heuristicStop.totalMs, 2000));
  report('  of which, stop asked → run ended', formatMs(heuristicStop.afterStopMs), heuristicStop.afterStopMs / baseline);

  const hard = createCityCovering(2500, 8000, 8, 11);
  const exactStop = timeCancelledRun((stop) => {
    const onProgress = (progress: SitingProgress) => {
      if (progress.phase === 'exact') stop.ask();
    };
    solveSiting(hard, { model: 'mclp', p: 120, method: 'exact', timeLimitS: 60, onProgress, shouldStop: stop.asked }, solver);
  });
  report('MCLP p = 120 exact (2,500 × 8,000), stop at HiGHS', formatMs(exactStop.totalMs), exactStop.totalMs / baseline);
  report('  of which, stop asked → run ended', formatMs(exactStop.afterStopMs), exactStop.afterStopMs / baseline, verdict(exactStop.afterStopMs, 5000));
}
