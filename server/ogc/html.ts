import type { BilingualText, Language } from '../../core/i18n-text.ts';
import { PRODUCT_SUBTITLE, PRODUCT_TITLE } from '../../core/product-name.ts';
import { findOptimization, type OptimizationCategory } from '../../core/optimizations.ts';
import { findLayer, type LayerDefinition } from '../../core/layers/registry.ts';
import { itemsPath, type CollectionDocument, type FeatureDocument, type ItemsDocument } from './documents.ts';
import type { Link, Linker } from './links.ts';
import type { OpenApiDocument } from './openapi.ts';
import type { ItemsQuery } from './parameters.ts';
import { renderMiniMap } from './mini-map.ts';

/**
 * HTML views of the JSON documents, dressed as part of the product: its top bar and language,
 * a link back to the map, a small map of the features shown, and places by name rather than by
 * code. Readable in a browser with no script and no external asset. Every value is escaped,
 * data and client-supplied text alike.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** The map client's look: its fonts, top bar, panel colours and accent. */
const STYLE = `body{font:15px/1.5 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1d1d1f;background:#f3f1ec}
.topbar{display:flex;align-items:center;gap:1rem;flex-wrap:wrap;padding:.55rem 1rem;background:#fff;border-bottom:1px solid #d9d6ce}
.brand{color:inherit;text-decoration:none;display:flex;align-items:baseline;gap:.6rem}.brand strong{font-size:1.2rem}.brand span{color:#6b6b6b;font-size:.85rem}
.topbar nav{flex:1 1 auto;display:flex;gap:1rem}.topbar a.button{border:1px solid #bdb9ae;border-radius:6px;padding:.3rem .7rem;text-decoration:none;color:inherit;background:#fff}
.topbar a.back{background:#1d1d1f;border-color:#1d1d1f;color:#fff}
main{margin:1.2rem auto;max-width:70rem;padding:1rem 1.2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:1.4rem;margin:.2rem 0 .8rem}a{color:#1a4f9c}
table{border-collapse:collapse;margin:1rem 0}th,td{border-bottom:1px solid #e4e1da;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f7f6f2}pre{background:#f6f6f6;padding:.5rem;overflow:auto;max-height:20rem}
.mini-map{margin:.5rem 0 1rem}.mini-map svg{max-width:100%;height:auto;background:#f3f1ec;border:1px solid #d9d6ce;border-radius:6px}
.mini-map .point{fill:#e6550d;stroke:#fff;stroke-width:1.5}.mini-map .line{fill:none;stroke:#2b8cbe;stroke-width:2.5}.mini-map .area{fill:rgba(43,140,190,.25);stroke:#2b8cbe;stroke-width:1.5;fill-rule:evenodd}
.paging a{margin-right:1rem}`;

/** Towns and communities by code, so a page names them instead of showing their codes. */
export interface PlaceNames {
  towns: ReadonlyMap<string, { name: string; name_en: string | null }>;
  communities: ReadonlyMap<string, { name: string; name_en: string | null }>;
}

export interface PageContext {
  lang: Language;
  links: Linker;
  names?: PlaceNames;
  /** The strapline naming the district the data holds; the default district's without one. */
  subtitle?: BilingualText;
}

const LABELS = {
  zh: { home: '首页', collections: '图层', json: 'JSON', next: '下一页', prev: '上一页', property: '属性', value: '值', matched: '匹配要素', conformance: '符合的标准', backToMap: '返回地图', showOnMap: '在地图上查看', switchLanguage: 'English', features: '要素' },
  en: { home: 'Home', collections: 'Collections', json: 'JSON', next: 'Next', prev: 'Previous', property: 'Property', value: 'Value', matched: 'Matched features', conformance: 'Conformance', backToMap: 'Back to the map', showOnMap: 'Show on the map', switchLanguage: '中文', features: 'Features' },
};

/** The layers a map link opens with: the frame, plus the layer the page is about. */
const MAP_FRAME = ['district', 'towns', 'communities', 'roads'];

/** The map client at a place (or the district) with a layer on, in the page's language. */
function mapLink(context: PageContext, layerId?: string, at?: { lon: number; lat: number; zoom: number }): string {
  const origin = new URL(context.links.root).origin;
  const parts: string[] = [];
  if (at) parts.push(`map=${at.zoom.toFixed(2)}/${at.lat.toFixed(5)}/${at.lon.toFixed(5)}`);
  if (layerId) parts.push(`layers=${[...new Set([...MAP_FRAME, layerId])].join(',')}`);
  parts.push(`lang=${context.lang}`);
  return `${origin}/#${parts.join('&')}`;
}

/** Where a feature is: the middle of its extent, closer in for a point. */
function placeOf(geometry: { type: string; coordinates?: unknown } | null | undefined): { lon: number; lat: number; zoom: number } | undefined {
  const flat = JSON.stringify(geometry?.coordinates ?? []).match(/-?\d+(\.\d+)?(e-?\d+)?/g)?.map(Number) ?? [];
  if (flat.length < 2) return undefined;
  const lons = flat.filter((_, index) => index % 2 === 0);
  const lats = flat.filter((_, index) => index % 2 === 1);
  const span = Math.max(Math.max(...lons) - Math.min(...lons), Math.max(...lats) - Math.min(...lats));
  const zoom = span > 0 ? Math.max(11, Math.min(17, Math.log2(360 / span) - 1)) : 17;
  return { lon: (Math.max(...lons) + Math.min(...lons)) / 2, lat: (Math.max(...lats) + Math.min(...lats)) / 2, zoom };
}

/** Navigation inside the HTML view stays in HTML: the same URL with `f=html`. */
function htmlVersionOf(href: string): string {
  const url = new URL(href);
  url.searchParams.set('f', 'html');
  return url.toString();
}

const anchor = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
const cell = (html: string) => `<td>${html}</td>`;

function table(headers: string[], rows: string[][]): string {
  const head = headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}

function page(context: PageContext, title: string, links: Link[], body: string, backTo = mapLink(context)): string {
  const text = LABELS[context.lang];
  const self = links.find((link) => link.rel === 'self');
  const nav = [anchor(context.links.to('', 'html'), text.home), anchor(context.links.to('/collections', 'html'), text.collections)];
  if (self) nav.push(anchor(self.href, text.json));
  const otherLanguage = context.lang === 'zh' ? 'en' : 'zh';
  const subtitle = (context.subtitle ?? PRODUCT_SUBTITLE)[context.lang];
  const product = `${PRODUCT_TITLE[context.lang]} · ${subtitle}`;
  const bar = `<header class="topbar"><a class="brand" href="${escapeHtml(mapLink(context))}"><strong>${escapeHtml(PRODUCT_TITLE[context.lang])}</strong><span>${escapeHtml(subtitle)}</span></a>`
    + `<nav>${nav.join('')}</nav>`
    + `<a class="button" lang="${otherLanguage === 'zh' ? 'zh-CN' : 'en'}" href="${escapeHtml(context.links.current({ lang: otherLanguage, f: 'html' }))}">${escapeHtml(text.switchLanguage)}</a>`
    + `<a class="button back" href="${escapeHtml(backTo)}">${escapeHtml(text.backToMap)}</a></header>`;
  return `<!doctype html><html lang="${context.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · ${escapeHtml(product)}</title><style>${STYLE}</style></head>
<body>${bar}<main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** The links besides self/alternate, each to its HTML view with the raw media type beside it. */
function linkList(links: Link[]): string {
  const rows = links
    .filter((link) => link.rel !== 'self' && link.rel !== 'alternate')
    .map((link) => `<li>${anchor(link.type === 'text/html' ? link.href : htmlVersionOf(link.href), link.title)} (${escapeHtml(link.rel)}, ${anchor(link.href, link.type)})</li>`);
  return rows.length ? `<ul>${rows.join('')}</ul>` : '';
}

/** Columns shown in HTML: the declared ones marked for display (graph node ids are not). */
function shownColumns(layer: LayerDefinition, columns: string[]): string[] {
  return columns.filter((column) => layer.properties[column]?.display);
}

/** The plan category by name ("Education resources"), not by its number. */
const categoryName = (category: OptimizationCategory, lang: Language) => escapeHtml(findOptimization(category).title[lang]);

/** A value as people read it: towns and communities by name (the code kept in a tooltip). */
function showValue(context: PageContext, column: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  const places = column === 'town_code' ? context.names?.towns : column === 'community_code' ? context.names?.communities : undefined;
  const place = places?.get(String(value));
  if (place) return `<span title="${escapeHtml(value)}">${escapeHtml((context.lang === 'en' && place.name_en) || place.name)}</span>`;
  return escapeHtml(value);
}

export function renderDocument(context: PageContext, document: { title: string; description: string; links: Link[] }): string {
  return page(context, document.title, document.links, `<p>${escapeHtml(document.description)}</p>${linkList(document.links)}`);
}

export function renderConformance(context: PageContext, document: { conformsTo: string[]; links: Link[] }): string {
  const items = document.conformsTo.map((uri) => `<li>${anchor(uri, uri)}</li>`).join('');
  return page(context, LABELS[context.lang].conformance, document.links, `<ul>${items}</ul>`);
}

export function renderCollections(context: PageContext, document: { collections: CollectionDocument[]; links: Link[] }): string {
  const rows = document.collections.map((collection) => [
    anchor(htmlVersionOf(collection.links[0].href), collection.id),
    escapeHtml(collection.title),
    categoryName(collection.category, context.lang),
    escapeHtml(collection.geometryType),
    collection.demo ? '✓' : '',
    escapeHtml(collection.extent?.spatial.bbox[0].map((value) => value.toFixed(4)).join(', ') ?? ''),
  ]);
  return page(context, LABELS[context.lang].collections, document.links, table(['id', 'title', 'category', 'geometry', 'demo', 'bbox (CRS84)'], rows));
}

export function renderCollection(context: PageContext, collection: CollectionDocument): string {
  const layer = findLayer(collection.id)!;
  const facts = table([LABELS[context.lang].property, LABELS[context.lang].value], [
    ['id', escapeHtml(collection.id)],
    ['title', `${escapeHtml(collection.title_zh)} / ${escapeHtml(collection.title_en)}`],
    ['category', categoryName(collection.category, context.lang)],
    ['geometryType', escapeHtml(collection.geometryType)],
    ['demo', escapeHtml(collection.demo)],
    ['attribution', escapeHtml(collection.attribution)],
    ['bbox', escapeHtml(collection.extent?.spatial.bbox[0].join(', ') ?? '—')],
  ]);
  const properties = table(['name', 'title', 'type', 'values'], Object.entries(layer.properties).map(([column, property]) => [
    escapeHtml(column), escapeHtml(property.title[context.lang]), escapeHtml(property.type), escapeHtml(property.values?.join(', ') ?? ''),
  ]));
  return page(context, collection.title, collection.links, `<p>${escapeHtml(collection.description)}</p>${facts}${properties}${linkList(collection.links)}`);
}

export function renderItems(context: PageContext, layer: LayerDefinition, document: ItemsDocument, query: ItemsQuery): string {
  const text = LABELS[context.lang];
  const columns = shownColumns(layer, query.columns);
  const headers = ['id', ...columns.map((column) => layer.properties[column].title[context.lang])];
  const rows = document.features.map((feature) => [
    anchor(context.links.to(`${itemsPath(layer)}/${feature.id}`, 'html'), String(feature.id)),
    ...columns.map((column) => showValue(context, column, feature.properties[column])),
  ]);
  const filters = [
    ...(query.bbox ? [`bbox = ${query.bbox.join(', ')}`] : []),
    ...query.filters.map(({ column, value }) => `${column} = ${value}`),
  ].map((filter) => `<li>${escapeHtml(filter)}</li>`);
  const paging = document.links
    .filter((link) => link.rel === 'prev' || link.rel === 'next')
    .map((link) => anchor(htmlVersionOf(link.href), link.rel === 'next' ? text.next : text.prev));
  const shown = document.numberReturned > 0 ? `; ${query.offset + 1}–${query.offset + document.numberReturned}` : '';
  const summary = `<p>${escapeHtml(text.matched)}: ${document.numberMatched}${shown}</p>`;
  const miniMap = renderMiniMap(document.features.map((feature) => feature.geometry as never), `${layer.title[context.lang]} · ${text.features}`);
  const body = `${summary}${filters.length ? `<ul>${filters.join('')}</ul>` : ''}${miniMap}${table(headers, rows)}<nav class="paging">${paging.join('')}</nav>${linkList(document.links.filter((link) => link.rel === 'collection'))}`;
  return page(context, layer.title[context.lang], document.links, body, mapLink(context, layer.id));
}

export function renderFeature(context: PageContext, layer: LayerDefinition, document: FeatureDocument): string {
  const text = LABELS[context.lang];
  const rows = shownColumns(layer, Object.keys(document.properties)).map((column) => [
    escapeHtml(layer.properties[column].title[context.lang]), showValue(context, column, document.properties[column]),
  ]);
  const geometry = `<details><summary>geometry</summary><pre>${escapeHtml(JSON.stringify(document.geometry))}</pre></details>`;
  const name = document.properties.name;
  const title = typeof name === 'string' && name ? `${layer.title[context.lang]} · ${name}` : `${layer.title[context.lang]} #${document.id}`;
  const onMap = mapLink(context, layer.id, placeOf(document.geometry as never));
  const miniMap = renderMiniMap([document.geometry as never], title);
  const show = `<p>${anchor(onMap, text.showOnMap)}</p>`;
  return page(context, title, document.links, `${miniMap}${show}${table([text.property, text.value], rows)}${geometry}${linkList(document.links)}`, onMap);
}

export function renderApi(context: PageContext, document: OpenApiDocument, links: Link[]): string {
  const rows = Object.entries(document.paths).map(([path, item]) => [
    escapeHtml(path),
    escapeHtml(item.get.summary),
    escapeHtml(item.get.parameters.map((parameter) => String(parameter.name ?? parameter.$ref).split('/').pop()).join(', ')),
  ]);
  return page(context, document.info.title, links, `<p>${escapeHtml(document.info.description)}</p>${table(['path', 'summary', 'parameters'], rows)}`);
}
