import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** The helpers of server/errors.ts, each taking the code as its first argument. */
const HELPERS = new Set(['badRequest', 'unauthorized', 'forbidden', 'notFound', 'conflict', 'unavailable', 'tooManyRequests']);

export interface CollectedCodes {
  codes: Set<string>;
  /** Places where a code is built in a way the reader cannot follow: the test fails on them. */
  unresolved: string[];
}

function listSources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Every error code the server can send, read from its syntax tree: the arguments of the error
 * helpers and of `new ApiError(status, code, …)`, and the `{ code, message }` bodies written
 * directly (the app's fallback answers, a failed job's record). A code built from a template
 * (`invalid_${name}`) is followed to the calls of its function, whose literal arguments fill it.
 */
export function collectServerErrorCodes(root = 'server'): CollectedCodes {
  const files = listSources(root).map((path) => ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true));
  const codes = new Set<string>();
  const unresolved: string[] = [];
  const where = (node: ts.Node) => `${node.getSourceFile().fileName}:${node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

  /** Calls of a named function anywhere in the server, for filling a template code. */
  function argumentsOf(functionName: string, index: number): ts.Expression[] {
    const found: ts.Expression[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === functionName && node.arguments[index]) found.push(node.arguments[index]);
      ts.forEachChild(node, visit);
    };
    files.forEach(visit);
    return found;
  }

  function resolve(expression: ts.Expression): string[] | undefined {
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return [expression.text];
    if (ts.isParenthesizedExpression(expression)) return resolve(expression.expression);
    if (ts.isConditionalExpression(expression)) {
      const both = [resolve(expression.whenTrue), resolve(expression.whenFalse)];
      return both.every(Boolean) ? both.flat() as string[] : undefined;
    }
    // `relayed?.code ?? 'fallback'`: the relayed code was collected where it was first made.
    if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
      const left = ts.isPropertyAccessExpression(expression.left) && expression.left.name.text === 'code' ? [] : resolve(expression.left);
      const right = resolve(expression.right);
      return left && right ? [...left, ...right] : undefined;
    }
    if (ts.isTemplateExpression(expression)) return resolveTemplate(expression);
    return undefined;
  }

  function resolveTemplate(template: ts.TemplateExpression): string[] | undefined {
    let results = [template.head.text];
    for (const span of template.templateSpans) {
      const parts = ts.isIdentifier(span.expression) ? resolveParameter(span.expression) : undefined;
      if (!parts) return undefined;
      results = results.flatMap((prefix) => parts.map((part) => prefix + part + span.literal.text));
    }
    return results;
  }

  /** A parameter of the enclosing named function: the literals its callers pass. */
  function resolveParameter(identifier: ts.Identifier): string[] | undefined {
    let scope: ts.Node | undefined = identifier.parent;
    while (scope && !ts.isFunctionDeclaration(scope)) scope = scope.parent;
    if (!scope || !ts.isFunctionDeclaration(scope) || !scope.name) return undefined;
    const index = scope.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === identifier.text);
    if (index < 0) return undefined;
    const values = argumentsOf(scope.name.text, index).map(resolve);
    return values.length && values.every(Boolean) ? values.flat() as string[] : undefined;
  }

  function record(expression: ts.Expression | undefined, node: ts.Node) {
    const found = expression && resolve(expression);
    if (found) found.forEach((code) => codes.add(code));
    else unresolved.push(where(node));
  }

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && HELPERS.has(node.expression.text) && !node.getSourceFile().fileName.endsWith('errors.ts')) {
      record(node.arguments[0], node);
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'ApiError' && !node.getSourceFile().fileName.endsWith('errors.ts')) {
      record(node.arguments?.[1], node);
    } else if (ts.isObjectLiteralExpression(node)) {
      const property = (name: string) => node.properties.find((each): each is ts.PropertyAssignment => ts.isPropertyAssignment(each) && ts.isIdentifier(each.name) && each.name.text === name);
      const code = property('code');
      if (code && property('message') && (ts.isStringLiteral(code.initializer) || ts.isNoSubstitutionTemplateLiteral(code.initializer))) codes.add(code.initializer.text);
    }
    ts.forEachChild(node, visit);
  };
  files.forEach(visit);
  return { codes, unresolved };
}
