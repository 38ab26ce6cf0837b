import type { ProjectRecord } from '../../../core/projects/project-contract.ts';
import { getSession } from '../session/session.svelte.ts';
import { getAtlasState } from '../state/atlas-state.svelte.ts';
import { describeProjectFailure, type ProjectWriteFailure } from './project-write-failure.ts';

/**
 * One write from the project panel (a phase move, the publication switches, the milestones):
 * busy while it runs; on success the saved project goes to `onsaved` with a line saying so; on
 * failure the words, the sign-in dialog for an ended session, and the project read again when
 * someone else changed it first (409). Made while a component is set up (it reads the context).
 */
export class ProjectWrite {
  busy = $state(false);
  failure = $state.raw<ProjectWriteFailure>();
  notice = $state<string>();
  #atlas = getAtlasState();
  #session = getSession();

  constructor(private readonly onsaved: (project: ProjectRecord) => void, private readonly onreload: () => void) {}

  /** Runs the write; true when it was saved. */
  async run(write: () => Promise<ProjectRecord>, saidOnSuccess: () => string): Promise<boolean> {
    this.busy = true;
    this.failure = undefined;
    this.notice = undefined;
    try {
      const saved = await write();
      this.notice = saidOnSuccess();
      this.onsaved(saved);
      return true;
    } catch (error) {
      this.failure = describeProjectFailure(error, this.#atlas.language);
      if (this.failure.signedOut) this.#session.expired();
      if (this.failure.reload) this.onreload();
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** A failure found before writing (a name used twice, say). */
  refuse(message: string): void {
    this.failure = { message };
    this.notice = undefined;
  }

  clear(): void {
    this.failure = undefined;
    this.notice = undefined;
  }
}
