import type { z } from 'zod';

/**
 * What an import says about a file, as codes and parameters: the server keeps its English
 * sentence beside each (API clients and the CSV of problems read it), the client says each code
 * in the reader's language and falls back to the English for a code it does not know. Both
 * sides derive from these lists, and a test checks the client has words for every code.
 */

/** Why a row cannot be written (or what was repaired in it). */
export const IMPORT_PROBLEM_CODES = [
  // The geometry
  'no_geometry',
  'unsupported_geometry',
  'multi_part_geometry',
  'invalid_geometry',
  'repaired',
  'outside_district',
  'outside_user_area',
  // A value read as its property's type
  'not_a_number',
  'not_whole_number',
  'not_true_false',
  'not_a_date',
  'not_a_timestamp',
  'not_json',
  // A value checked by the rules of the API's write
  'required_missing',
  'wrong_type',
  'too_long',
  'too_short',
  'too_large',
  'too_small',
  'too_many',
  'too_few',
  'bad_format',
  'unknown_choice',
  'unknown_field',
  'invalid_value',
  'rule_broken',
  'rejected_without_reason',
  'ends_before_start',
  // A project's phase and history
  'held_from_missing',
  'held_from_not_on_hold',
  'actual_start_not_reached',
  'actual_end_not_left',
  'facility_wrong_shape',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

/** What the preview says of the coordinate system, the encoding and the file as a whole. */
export const IMPORT_NOTE_CODES = [
  'crs_guessed',
  'crs_guessed_degrees',
  'crs_override',
  'crs_from_file',
  'encoding_fixed',
  'encoding_override',
  'encoding_valid_utf8',
  'encoding_not_utf8',
  'encoding_cpg',
  'encoding_dbf_code_page',
  'encoding_no_cpg_utf8',
  'encoding_no_cpg_not_utf8',
  'other_layers',
  'ids_taken',
] as const;
export type ImportNoteCode = (typeof IMPORT_NOTE_CODES)[number];

export type ImportParams = Record<string, string | number>;

/** One problem of a row: its code, what it names, and the English sentence. */
export interface ImportProblem {
  code: ImportProblemCode;
  params: ImportParams;
  message: string;
}

/** One note of the preview, coded as a problem is. */
export interface ImportNotice {
  code: ImportNoteCode;
  params: ImportParams;
  message: string;
}

export const notice = (code: ImportNoteCode, params: ImportParams, message: string): ImportNotice => ({ code, params, message });

export const problem = (code: ImportProblemCode, params: ImportParams, message: string): ImportProblem => ({ code, params, message });

/** The English of a row's problems, one line, as `reason` has always been. */
export const reasonOf = (problems: readonly ImportProblem[]) => problems.map((item) => item.message).join('; ');

/** A value as a parameter: short, and text. */
export const shownValue = (value: unknown, length = 40) => (typeof value === 'string' ? value : JSON.stringify(value) ?? String(value)).slice(0, length);

/**
 * A schema's issues as problems, by the kind of issue rather than by its words: a refinement
 * may name its own code in `params.code`. With `prefix` (the property a nested schema checks,
 * `schedule`, `milestones`, or '' for a schema whose messages do not name their property), the
 * English starts with the issue's path.
 */
export function problemsOfIssues(issues: readonly z.core.$ZodIssue[], prefix?: string): ImportProblem[] {
  return issues.map((issue) => {
    const property = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const message = prefix !== undefined && property ? `${property}: ${issue.message}` : issue.message;
    const params: ImportParams = property ? { property } : {};
    return problem(codeOfIssue(issue, params), params, message);
  });
}

function codeOfIssue(issue: z.core.$ZodIssue, params: ImportParams): ImportProblemCode {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'required_missing';
      params.expected = issue.expected;
      return 'wrong_type';
    case 'too_big':
      params.max = Number(issue.maximum);
      return issue.origin === 'string' ? 'too_long' : issue.origin === 'array' || issue.origin === 'set' ? 'too_many' : 'too_large';
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'required_missing';
      params.min = Number(issue.minimum);
      return issue.origin === 'string' ? 'too_short' : issue.origin === 'array' || issue.origin === 'set' ? 'too_few' : 'too_small';
    case 'invalid_format':
      return 'bad_format';
    case 'invalid_value':
      params.choices = issue.values.map(String).join(', ');
      return 'unknown_choice';
    case 'unrecognized_keys':
      params.keys = issue.keys.join(', ');
      return 'unknown_field';
    case 'custom': {
      const named = (issue.params as { code?: unknown } | undefined)?.code;
      if ((IMPORT_PROBLEM_CODES as readonly unknown[]).includes(named)) return named as ImportProblemCode;
      params.rule = issue.message;
      return 'rule_broken';
    }
    default:
      return 'invalid_value';
  }
}
