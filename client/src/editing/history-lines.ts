import type { Language } from '../../../core/i18n-text.ts';
import type { AuditEntry } from '../../../core/audit/audit-contract.ts';
import { measureGeodesic } from '../../../core/analysis/geodesic.ts';
import type { LayerSummary } from '../../../core/api/responses.ts';
import type { FeatureRecord } from '../../../core/layers/feature-contract.ts';
import { formatNumber, pickText } from '../i18n/format.ts';
import { translate, type MessageKey } from '../i18n/messages.ts';
import { formatPropertyValue, type PlaceNames } from '../map/popup-content.ts';

/**
 * A feature's audit entries as lines a person reads: who, what, when, and each changed field
 * before → after (a creation lists what was set; a move says how far). The entries carry the
 * whole record before and after (server/features/feature-routes.ts), so the diff is made here.
 */
export interface HistoryChange {
  label: string;
  before?: string;
  after?: string;
}

export interface HistoryLine {
  id: number;
  at: string;
  /** Machine-readable time, for `<time datetime>`. */
  iso: string;
  actor: string;
  action: string;
  changes: HistoryChange[];
}

const ACTIONS: Record<string, MessageKey> = { create: 'actionCreate', update: 'actionUpdate', delete: 'actionDelete' };
/** Kept out of the diff: the demo flag only ever goes from true to false on a first edit. */
const NOT_SHOWN = new Set(['demo']);

const timeFormats = new Map<Language, Intl.DateTimeFormat>();

function formatTime(iso: string, language: Language): string {
  let format = timeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    timeFormats.set(language, format);
  }
  return format.format(new Date(iso));
}

function asRecord(value: unknown): FeatureRecord | undefined {
  return value && typeof value === 'object' && 'properties' in value ? (value as FeatureRecord) : undefined;
}

function describeActor(actor: string, language: Language): string {
  return actor.startsWith('public:') ? translate(language, 'publicActor') : actor;
}

function describeGeometry(before: FeatureRecord | undefined, after: FeatureRecord | undefined, language: Language): HistoryChange | undefined {
  const label = translate(language, 'historyLocation');
  const from = before?.geometry;
  const to = after?.geometry;
  if (!to || JSON.stringify(from) === JSON.stringify(to)) return undefined;
  if (to.type === 'Point' && from?.type === 'Point') {
    const metres = measureGeodesic(from.coordinates[0], from.coordinates[1], to.coordinates[0], to.coordinates[1]);
    return { label, after: translate(language, 'historyMoved', { metres: formatNumber(metres, language) }) };
  }
  if (to.type === 'Point' && !from) {
    return { label, after: translate(language, 'historyPlaced', { lat: to.coordinates[1].toFixed(5), lon: to.coordinates[0].toFixed(5) }) };
  }
  return { label, after: translate(language, 'actionUpdate') };
}

function describeChanges(layer: LayerSummary, entry: AuditEntry, names: PlaceNames, language: Language): HistoryChange[] {
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  if (!after) return []; // a deletion: the line says it all
  const show = (column: string, value: unknown) =>
    value === null || value === undefined || value === '' ? translate(language, 'noValue') : formatPropertyValue(column, layer.properties[column], value, layer, names, language);
  const changes: HistoryChange[] = [];
  const moved = describeGeometry(before, after, language);
  if (moved) changes.push(moved);
  for (const [column, definition] of Object.entries(layer.properties)) {
    if (NOT_SHOWN.has(column)) continue;
    const old = before?.properties[column] ?? null;
    const now = after.properties[column] ?? null;
    if (old === now || (!before && now === null)) continue;
    changes.push({ label: pickText(definition.title, language), before: before ? show(column, old) : undefined, after: show(column, now) });
  }
  return changes;
}

export function describeHistory(layer: LayerSummary, entries: readonly AuditEntry[], names: PlaceNames, language: Language): HistoryLine[] {
  return entries.map((entry) => ({
    id: entry.id,
    at: formatTime(entry.at, language),
    iso: entry.at,
    actor: describeActor(entry.actor, language),
    action: ACTIONS[entry.action] ? translate(language, ACTIONS[entry.action]) : entry.action,
    changes: describeChanges(layer, entry, names, language),
  }));
}
