import * as maplibregl from 'maplibre-gl';
import { CHOROPLETH_LAYER } from './coverage-choropleth.ts';

/** What the tip says about one community, and where its label sits. */
export interface CommunityTip {
  text: string;
  at: [number, number];
}

/**
 * The community under the pointer on the coverage map, named with its covered share: on hover
 * with a mouse, on a tap with a finger. The tip sits on the community's label point, not the
 * pointer, so it does not fight the gap cells' own tooltip that follows the pointer.
 */
export class CoverageTip {
  private readonly popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'coverage-tip', maxWidth: '260px' });
  private shown: string | undefined;

  constructor(
    private readonly map: maplibregl.Map,
    private readonly describe: (code: string) => CommunityTip | undefined,
  ) {
    map.on('mousemove', CHOROPLETH_LAYER, this.onPoint);
    map.on('click', CHOROPLETH_LAYER, this.onPoint);
    map.on('mouseleave', CHOROPLETH_LAYER, this.hide);
  }

  private readonly onPoint = (event: maplibregl.MapLayerMouseEvent) => {
    const code = event.features?.[0]?.properties?.code;
    if (typeof code === 'string') this.show(code);
  };

  show(code: string): void {
    const tip = this.describe(code);
    if (!tip) return this.hide();
    if (this.shown === code && this.popup.isOpen()) {
      this.popup.setText(tip.text);
      return;
    }
    this.shown = code;
    this.popup.setLngLat(tip.at).setText(tip.text).addTo(this.map);
    this.popup.getElement()?.setAttribute('data-community', code);
  }

  /** The language changed, or a new result came: say it again. */
  refresh(): void {
    if (this.shown && this.popup.isOpen()) this.show(this.shown);
  }

  readonly hide = () => {
    this.shown = undefined;
    this.popup.remove();
  };

  destroy(): void {
    this.map.off('mousemove', CHOROPLETH_LAYER, this.onPoint);
    this.map.off('click', CHOROPLETH_LAYER, this.onPoint);
    this.map.off('mouseleave', CHOROPLETH_LAYER, this.hide);
    this.hide();
  }
}
