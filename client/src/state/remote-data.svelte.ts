/**
 * One request's life as reactive state: loading, its value, or the error to show with a retry.
 * A new load cancels the one in flight, so a slow old answer never overwrites a newer one.
 */
export class RemoteData<T> {
  value = $state.raw<T | undefined>();
  error = $state.raw<Error | undefined>();
  loading = $state(false);
  #load: (signal: AbortSignal) => Promise<T>;
  #controller?: AbortController;

  constructor(load: (signal: AbortSignal) => Promise<T>) {
    this.#load = load;
  }

  async reload(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    this.error = undefined;
    try {
      const value = await this.#load(controller.signal);
      if (!controller.signal.aborted) this.value = value;
    } catch (error) {
      if (!controller.signal.aborted) this.error = error instanceof Error ? error : new Error(String(error));
    } finally {
      if (this.#controller === controller) this.loading = false;
    }
  }

  clear(): void {
    this.#controller?.abort();
    this.value = undefined;
    this.error = undefined;
    this.loading = false;
  }
}
