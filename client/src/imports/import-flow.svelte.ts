import type { FieldMapping, ImportCommitResult, ImportPreview } from '../../../core/exchange/import-contract.ts';
import { commitImport, dropImport, remapImport, uploadImport, type RunningUpload, type UploadProgress } from './import-api.ts';

/**
 * One import from the dialog's point of view: choose → upload (progress) → preview (overrides
 * read again, mapping changed) → commit → result. Whatever happens before the commit answers,
 * a cancel leaves the server as it was: an upload still sending is stopped, a preview already
 * made (or being made) is deleted.
 */
export type ImportStep = 'choose' | 'uploading' | 'preview' | 'committing' | 'done';

export class ImportFlow {
  step = $state<ImportStep>('choose');
  file = $state.raw<File>();
  target = $state<string>('');
  /** Overrides; '' is what the file says or the server detects. */
  crs = $state('');
  encoding = $state('');
  progress = $state.raw<UploadProgress>({ sent: 0, total: 0, sentAll: false });
  preview = $state.raw<ImportPreview>();
  result = $state.raw<ImportCommitResult>();
  failure = $state.raw<Error>();
  /** A mapping change on its way to the server. */
  remapping = $state(false);

  #upload: RunningUpload | undefined;
  /** Bumped by every upload and cancel: an answer for an older one is dropped, not shown. */
  #generation = 0;

  get validCount(): number {
    return this.preview ? this.preview.featureCount - this.preview.invalidRows.length : 0;
  }

  choose(file: File | undefined): void {
    this.file = file;
    this.failure = undefined;
  }

  /** Reads the chosen file into a preview; a preview shown before is dropped first. */
  async upload(): Promise<void> {
    if (!this.file || !this.target) return;
    const generation = ++this.#generation;
    const previous = this.preview;
    this.preview = undefined;
    this.failure = undefined;
    this.step = 'uploading';
    this.progress = { sent: 0, total: this.file.size, sentAll: false };
    if (previous) await dropImport(previous.id).catch(() => {});
    const upload = uploadImport({ file: this.file, target: this.target, crs: this.crs || undefined, encoding: this.encoding || undefined }, (progress) => {
      if (generation === this.#generation) this.progress = progress;
    });
    this.#upload = upload;
    try {
      const preview = await upload.preview;
      // Cancelled meanwhile: the cancel drops this preview.
      if (generation !== this.#generation) return;
      this.preview = preview;
      this.step = 'preview';
    } catch (error) {
      if (generation !== this.#generation) return;
      this.failure = error as Error;
      this.step = 'choose';
    } finally {
      if (this.#upload === upload) this.#upload = undefined;
    }
  }

  async remap(property: string, field: string | null): Promise<void> {
    const preview = this.preview;
    if (!preview) return;
    const mapping: FieldMapping = { [property]: field };
    this.remapping = true;
    this.failure = undefined;
    try {
      const changed = await remapImport(preview.id, mapping);
      if (this.preview?.id === preview.id) this.preview = changed;
    } catch (error) {
      this.failure = error as Error;
    } finally {
      this.remapping = false;
    }
  }

  /** Writes the valid rows (the invalid ones, if any, left out as the button says). */
  async commit(): Promise<ImportCommitResult | undefined> {
    const preview = this.preview;
    if (!preview || this.validCount === 0) return undefined;
    this.step = 'committing';
    this.failure = undefined;
    try {
      this.result = await commitImport(preview, preview.invalidRows.length > 0);
      this.preview = undefined;
      this.step = 'done';
      return this.result;
    } catch (error) {
      this.failure = error as Error;
      this.step = 'preview';
      return undefined;
    }
  }

  /** Back to an empty form, nothing left on the server. Not while a commit is being written. */
  async cancel(): Promise<void> {
    if (this.step === 'committing') return;
    this.#generation += 1;
    const upload = this.#upload;
    const preview = this.preview;
    this.#upload = undefined;
    this.preview = undefined;
    this.result = undefined;
    this.failure = undefined;
    this.step = 'choose';
    if (upload && !upload.abort()) {
      // The server has the whole file: the preview it makes is dropped when it answers.
      await upload.preview.then((made) => dropImport(made.id)).catch(() => {});
    }
    if (preview) await dropImport(preview.id);
  }

  startOver(): void {
    this.result = undefined;
    this.file = undefined;
    this.failure = undefined;
    this.step = 'choose';
  }
}
