import type { BilingualText, Language } from '../../core/i18n-text.ts';
import { LAYERS, type LayerDefinition } from '../../core/layers/registry.ts';
import type { Feature, FeaturePage } from './features.ts';
import { MEDIA_TYPES, type Link, type Linker } from './links.ts';
import { CRS84, type Bbox, type ItemsQuery } from './parameters.ts';

/** The JSON documents of the service. The HTML pages render these same documents. */

export const CONFORMANCE_CLASSES = ['core', 'geojson', 'html', 'oas30'].map(
  (conformanceClass) => `http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${conformanceClass}`,
);

export const SERVICE_TITLE: BilingualText = { zh: '城市更新一张图 · 要素服务', en: 'Renewal Atlas · features' };
export const SERVICE_DESCRIPTION: BilingualText = {
  zh: '城市更新规划各图层的 OGC API – Features 服务：区划、路网、人口网格与“七个优化”设施。',
  en: "OGC API – Features for the urban-renewal plan's layers: divisions, walking network, population grid and the facilities of the Seven Optimizations.",
};

export const itemsPath = (layer: LayerDefinition) => `/collections/${layer.id}/items`;

export function landingDocument(links: Linker, lang: Language) {
  return {
    title: SERVICE_TITLE[lang],
    description: SERVICE_DESCRIPTION[lang],
    links: [
      ...links.selfAndAlternate(MEDIA_TYPES.json),
      { href: links.to('/api', 'json'), rel: 'service-desc', type: MEDIA_TYPES.openapi, title: 'The API definition (OpenAPI 3.0)' },
      { href: links.to('/api', 'html'), rel: 'service-doc', type: MEDIA_TYPES.html, title: 'The API documentation' },
      { href: links.to('/conformance', 'json'), rel: 'conformance', type: MEDIA_TYPES.json, title: 'Conformance classes implemented' },
      { href: links.to('/collections', 'json'), rel: 'data', type: MEDIA_TYPES.json, title: 'The feature collections' },
    ] satisfies Link[],
  };
}

export function conformanceDocument(links: Linker) {
  return { links: links.selfAndAlternate(MEDIA_TYPES.json), conformsTo: CONFORMANCE_CLASSES };
}

export type CollectionDocument = ReturnType<typeof collectionDocument>;

/** Besides the standard members: both titles, the plan category, geometry type, demo flag and attribution. */
export function collectionDocument(layer: LayerDefinition, extent: Bbox | undefined, links: Linker, lang: Language) {
  const path = `/collections/${layer.id}`;
  return {
    id: layer.id,
    title: layer.title[lang],
    title_zh: layer.title.zh,
    title_en: layer.title.en,
    description: layer.description[lang],
    itemType: 'feature',
    crs: [CRS84],
    ...(extent ? { extent: { spatial: { bbox: [extent], crs: CRS84 } } } : {}),
    category: layer.category,
    geometryType: layer.geometry,
    demo: layer.demo,
    attribution: layer.attribution,
    links: [
      { href: links.to(path, 'json'), rel: 'self', type: MEDIA_TYPES.json, title: layer.title[lang] },
      { href: links.to(path, 'html'), rel: 'alternate', type: MEDIA_TYPES.html, title: `${layer.title[lang]} (HTML)` },
      { href: links.to(itemsPath(layer), 'json'), rel: 'items', type: MEDIA_TYPES.geojson, title: 'Features (GeoJSON)' },
      { href: links.to(itemsPath(layer), 'html'), rel: 'items', type: MEDIA_TYPES.html, title: 'Features (HTML)' },
    ] satisfies Link[],
  };
}

export function collectionsDocument(extents: Map<string, Bbox>, links: Linker, lang: Language) {
  return {
    links: links.selfAndAlternate(MEDIA_TYPES.json),
    collections: LAYERS.map((layer) => collectionDocument(layer, extents.get(layer.id), links, lang)),
  };
}

export type ItemsDocument = ReturnType<typeof itemsDocument>;

/** A page of features; `next` only while more remain, `prev` once past the first feature. */
export function itemsDocument(layer: LayerDefinition, page: FeaturePage, query: ItemsQuery, links: Linker) {
  const { limit, offset } = query;
  const pageLinks: Link[] = [...links.selfAndAlternate(MEDIA_TYPES.geojson)];
  if (offset + page.features.length < page.numberMatched) {
    pageLinks.push({ href: links.current({ f: 'json', limit, offset: offset + limit }), rel: 'next', type: MEDIA_TYPES.geojson, title: 'Next page' });
  }
  if (offset > 0) {
    pageLinks.push({ href: links.current({ f: 'json', limit, offset: Math.max(0, offset - limit) }), rel: 'prev', type: MEDIA_TYPES.geojson, title: 'Previous page' });
  }
  pageLinks.push(collectionLink(layer, links));
  return {
    type: 'FeatureCollection',
    features: page.features,
    numberMatched: page.numberMatched,
    numberReturned: page.features.length,
    timeStamp: new Date().toISOString(),
    links: pageLinks,
  };
}

export type FeatureDocument = ReturnType<typeof featureDocument>;

export function featureDocument(layer: LayerDefinition, feature: Feature, links: Linker) {
  return { ...feature, links: [...links.selfAndAlternate(MEDIA_TYPES.geojson), collectionLink(layer, links)] };
}

function collectionLink(layer: LayerDefinition, links: Linker): Link {
  return { href: links.to(`/collections/${layer.id}`, 'json'), rel: 'collection', type: MEDIA_TYPES.json, title: layer.title.en };
}
