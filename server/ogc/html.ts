import type { Language } from '../../core/i18n-text.ts';
import { findOptimization, type OptimizationCategory } from '../../core/optimizations.ts';
import { findLayer, type LayerDefinition } from '../../core/layers/registry.ts';
import { itemsPath, type CollectionDocument, type FeatureDocument, type ItemsDocument } from './documents.ts';
import type { Link, Linker } from './links.ts';
import type { OpenApiDocument } from './openapi.ts';
import type { ItemsQuery } from './parameters.ts';

/**
 * Plain HTML views of the JSON documents: readable in a browser with no external assets. Every
 * value is escaped, data and client-supplied text alike.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}pre{background:#f6f6f6;padding:.5rem;overflow:auto;max-height:20rem}nav a{margin-right:1rem}`;

export interface PageContext {
  lang: Language;
  links: Linker;
}

const LABELS = {
  zh: { home: '首页', collections: '图层', json: 'JSON', next: '下一页', prev: '上一页', property: '属性', value: '值', matched: '匹配要素', conformance: '符合的标准' },
  en: { home: 'Home', collections: 'Collections', json: 'JSON', next: 'Next', prev: 'Previous', property: 'Property', value: 'Value', matched: 'Matched features', conformance: 'Conformance' },
};

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

function page(context: PageContext, title: string, links: Link[], body: string): string {
  const text = LABELS[context.lang];
  const self = links.find((link) => link.rel === 'self');
  const nav = [anchor(context.links.to('', 'html'), text.home), anchor(context.links.to('/collections', 'html'), text.collections)];
  if (self) nav.push(anchor(self.href, text.json));
  return `<!doctype html><html lang="${context.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><nav>${nav.join('')}</nav><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
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

const showValue = (value: unknown) => (value === null || value === undefined ? '—' : escapeHtml(value));

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
    ...columns.map((column) => showValue(feature.properties[column])),
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
  const body = `${summary}${filters.length ? `<ul>${filters.join('')}</ul>` : ''}${table(headers, rows)}<nav>${paging.join('')}</nav>${linkList(document.links.filter((link) => link.rel === 'collection'))}`;
  return page(context, layer.title[context.lang], document.links, body);
}

export function renderFeature(context: PageContext, layer: LayerDefinition, document: FeatureDocument): string {
  const text = LABELS[context.lang];
  const rows = shownColumns(layer, Object.keys(document.properties)).map((column) => [
    escapeHtml(layer.properties[column].title[context.lang]), showValue(document.properties[column]),
  ]);
  const geometry = `<details><summary>geometry</summary><pre>${escapeHtml(JSON.stringify(document.geometry))}</pre></details>`;
  return page(context, `${layer.title[context.lang]} #${document.id}`, document.links, `${table([text.property, text.value], rows)}${geometry}${linkList(document.links)}`);
}

export function renderApi(context: PageContext, document: OpenApiDocument, links: Link[]): string {
  const rows = Object.entries(document.paths).map(([path, item]) => [
    escapeHtml(path),
    escapeHtml(item.get.summary),
    escapeHtml(item.get.parameters.map((parameter) => String(parameter.name ?? parameter.$ref).split('/').pop()).join(', ')),
  ]);
  return page(context, document.info.title, links, `<p>${escapeHtml(document.info.description)}</p>${table(['path', 'summary', 'parameters'], rows)}`);
}
