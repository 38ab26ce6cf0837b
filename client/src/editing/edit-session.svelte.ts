import { getContext, setContext } from 'svelte';
import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';

/**
 * The edit mode: which facility layer is being edited, the new feature being placed, and the
 * last thing done (for the status line). One instance per app, shared through context; only a
 * role that may edit facilities ever opens it (core/accounts/roles.ts canEditFacilities).
 */
export class EditSession {
  open = $state(false);
  /** The layer edited while open; kept when closed, so reopening finds it again. */
  layerId = $state<string>('kindergartens');
  /** Where a new feature will go, once clicked on the map; undefined while none is being added. */
  draft = $state.raw<[number, number] | undefined>();
  /** What the last write did, in words, for the panel's status line. */
  notice = $state<string>();
  #refreshCatalogue: () => Promise<void>;

  constructor(refreshCatalogue: () => Promise<void>) {
    this.#refreshCatalogue = refreshCatalogue;
  }

  /** The layer in edit mode right now, or undefined when the mode is off. */
  get activeLayer(): string | undefined {
    return this.open ? this.layerId : undefined;
  }

  start(layerId = this.layerId): void {
    this.layerId = layerId;
    this.open = true;
  }

  close(): void {
    this.open = false;
    this.draft = undefined;
    this.notice = undefined;
  }

  chooseLayer(layerId: string): void {
    this.layerId = layerId;
    this.draft = undefined;
    this.notice = undefined;
  }

  /**
   * After a write: the layer's TileJSON names its new data version, so reloading it points the
   * source at fresh tiles; the catalogue's counts and versions are read again too.
   */
  async afterWrite(map: MapLibreMap | undefined, layerId: string): Promise<void> {
    const source = map?.getSource(layerId) as VectorTileSource | undefined;
    if (source?.type === 'vector' && source.url) source.setUrl(source.url);
    await this.#refreshCatalogue().catch(() => {
      // The counts are a nicety: the map already shows the change.
    });
  }
}

const KEY = Symbol('edit-session');

export function setEditSession(session: EditSession): EditSession {
  return setContext(KEY, session);
}

export function getEditSession(): EditSession {
  return getContext<EditSession>(KEY);
}
