import type { Language } from '../../../core/i18n-text.ts';
import type { PropertyDefinition } from '../../../core/layers/registry.ts';
import type { Division, LayerSummary } from '../../../core/api/responses.ts';
import { formatNumber, pickName, pickText } from '../i18n/format.ts';
import { translate, translateValue } from '../i18n/messages.ts';

/** Codes a facility row refers to, resolved to the names people know them by. */
export interface PlaceNames {
  towns: ReadonlyMap<string, Division>;
  communities: ReadonlyMap<string, Division>;
}

type Properties = Record<string, unknown>;

/** Columns shown elsewhere in the popup (name as its heading, demo as a badge). */
const SHOWN_ELSEWHERE = new Set(['name', 'demo']);

/** One property's value as a reader sees it: names for place codes, labels for enumerations, units for capacity. */
export function formatPropertyValue(column: string, definition: PropertyDefinition, value: unknown, layer: LayerSummary, names: PlaceNames, language: Language): string {
  if (column === 'community_code' || column === 'town_code') {
    const place = (column === 'town_code' ? names.towns : names.communities).get(String(value));
    return place ? pickName(place, language) : String(value);
  }
  if (definition.type === 'boolean') return translate(language, value ? 'yes' : 'no');
  if (typeof value === 'number') {
    const number = formatNumber(value, language, definition.type === 'real' ? 1 : 0);
    return layer.capacity?.column === column ? `${number} ${pickText(layer.capacity.unit, language)}` : number;
  }
  return definition.values ? translateValue(language, column, String(value)) : String(value);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  // textContent, never innerHTML: feature properties are data, and data may be hostile.
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A feature's `display` properties with their registry labels, in the reader's language. */
export function buildPopupContent(layer: LayerSummary, properties: Properties, names: PlaceNames, language: Language): HTMLElement {
  const root = element('div', 'feature-popup');
  root.lang = language === 'zh' ? 'zh-CN' : 'en';
  const header = element('div', 'feature-popup-layer');
  const swatch = element('span', 'feature-popup-swatch');
  swatch.style.background = layer.style.color;
  header.append(swatch, element('span', '', pickText(layer.title, language)));
  // A feature says whether it is generated; one added or edited by a person is not, in a demo layer too.
  const demo = typeof properties.demo === 'boolean' ? properties.demo : layer.demo;
  if (demo) header.append(element('span', 'demo-badge', translate(language, 'demoData')));
  root.append(header);
  if (typeof properties.name === 'string') root.append(element('h3', 'feature-popup-name', properties.name));

  const list = element('dl', 'feature-popup-properties');
  for (const [column, definition] of Object.entries(layer.properties)) {
    const value = properties[column];
    if (!definition.display || SHOWN_ELSEWHERE.has(column) || value === undefined || value === null || value === '') continue;
    list.append(element('dt', '', pickText(definition.title, language)), element('dd', '', formatPropertyValue(column, definition, value, layer, names, language)));
  }
  root.append(list);
  return root;
}
