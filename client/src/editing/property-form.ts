import type { FeatureValue } from '../../../core/layers/feature-contract.ts';
import { settableProperties } from '../../../core/layers/feature-input.ts';
import type { LayerDefinition, PropertyDefinition } from '../../../core/layers/registry.ts';
import type { MessageKey } from '../i18n/messages.ts';

/**
 * The form for a feature's properties, derived from its layer's declaration: one field per
 * property a person sets (the community, town, measure and demo flag are the server's). Inputs
 * hold text (and booleans); reading the form turns them into the values the API takes, or says
 * which field is wrong, in the reader's words.
 */
export interface PropertyField {
  column: string;
  definition: PropertyDefinition;
  input: 'text' | 'number' | 'checkbox' | 'select';
}

export type FormValues = Record<string, string | boolean>;

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

function inputOf(definition: PropertyDefinition): PropertyField['input'] {
  if (definition.values) return 'select';
  if (definition.type === 'boolean') return 'checkbox';
  return definition.type === 'text' ? 'text' : 'number';
}

export function propertyFields(layer: LayerDefinition): PropertyField[] {
  return settableProperties(layer).map((column) => {
    const definition = layer.properties[column];
    return { column, definition, input: inputOf(definition) };
  });
}

/** What the inputs show for a feature's properties (empty for a new one). */
export function formValuesOf(fields: readonly PropertyField[], properties: Readonly<Record<string, unknown>> = {}): FormValues {
  const values: FormValues = {};
  for (const { column, input } of fields) {
    const value = properties[column];
    values[column] = input === 'checkbox' ? value === true : value === null || value === undefined ? '' : String(value);
  }
  return values;
}

export type ReadForm = { properties: Record<string, FeatureValue> } | { problem: string };

/** The form as API values: blank optional fields are null; numbers are checked as typed. */
export function readFormValues(fields: readonly PropertyField[], values: FormValues, t: Translate, title: (definition: PropertyDefinition) => string): ReadForm {
  const properties: Record<string, FeatureValue> = {};
  for (const { column, definition, input } of fields) {
    const raw = values[column];
    if (input === 'checkbox') {
      properties[column] = raw === true;
      continue;
    }
    const text = String(raw ?? '').trim();
    if (text === '') {
      if (definition.required) return { problem: t('requiredField', { field: title(definition) }) };
      properties[column] = null;
      continue;
    }
    if (input === 'number') {
      const number = Number(text);
      const integer = definition.type === 'integer';
      if (!Number.isFinite(number) || (integer && !Number.isInteger(number))) {
        return { problem: t(integer ? 'invalidInteger' : 'invalidNumber', { field: title(definition) }) };
      }
      properties[column] = number;
      continue;
    }
    properties[column] = text;
  }
  return { properties };
}

/** Only what changed, so a patch never rewrites a value someone else may be changing. */
export function changedProperties(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, FeatureValue>>): Record<string, FeatureValue> {
  const changed: Record<string, FeatureValue> = {};
  for (const [column, value] of Object.entries(after)) {
    if ((before[column] ?? null) !== value) changed[column] = value;
  }
  return changed;
}
