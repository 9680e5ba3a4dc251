import {
  GraphQLError,
  Kind,
  TypeInfo,
  getArgumentValues,
  getVariableValues,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { LONE_SURROGATE, LONE_SURROGATE_MESSAGE } from '@kim/contracts';

/**
 * The outer bounds of every GraphQL input, checked in one place before anything runs: every
 * `ID` is a UUID (all of the hub's ids are), every `String` is at most MAX_TEXT_LENGTH
 * characters of well-formed text without control characters (PostgreSQL stores no NUL), every
 * list holds at most MAX_LIST_LENGTH items. The domain's schemas (packages/contracts) then
 * apply each field's own rules (a name ≤ 200 characters, a date, a code); this layer makes
 * sure no argument of any query or mutation, present or future, reaches SQL malformed.
 */
export const MAX_TEXT_LENGTH = 1000;
export const MAX_LIST_LENGTH = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// C0 controls and DEL, except tab, line feed and carriage return that multi-line notes may hold.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export interface InputProblem {
  path: string;
  message: string;
}

const describeControl = (s: string): string => {
  const c = CONTROL.exec(s)![0].codePointAt(0)!;
  const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return c === 0 ? `must not contain a NUL character (${code})` : `must not contain the control character ${code}`;
};

/** Problems of one scalar value of the named type; none for types that bring their own rules. */
export function scalarProblem(typeName: string, value: unknown): string | null {
  if (typeName === 'ID') {
    return typeof value === 'string' && UUID.test(value) ? null : 'not an id: expected a UUID';
  }
  if (typeName === 'String' && typeof value === 'string') {
    if (value.length > MAX_TEXT_LENGTH) return `too long: at most ${MAX_TEXT_LENGTH} characters, got ${value.length}`;
    if (CONTROL.test(value)) return describeControl(value);
    if (LONE_SURROGATE.test(value)) return LONE_SURROGATE_MESSAGE;
  }
  return null;
}

/** Walk a coerced input value along its type and list what breaks the bounds. */
export function inputProblems(type: GraphQLInputType, value: unknown, path: string): InputProblem[] {
  if (value === null || value === undefined) return [];
  if (isNonNullType(type)) return inputProblems(type.ofType, value, path);
  if (isListType(type)) {
    if (!Array.isArray(value)) return inputProblems(type.ofType, value, path);
    if (value.length > MAX_LIST_LENGTH)
      return [{ path, message: `too many items: at most ${MAX_LIST_LENGTH}, got ${value.length}` }];
    return value.flatMap((item, i) => inputProblems(type.ofType, item, `${path}.${i}`));
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) =>
      fields[key] ? inputProblems(fields[key].type, v, `${path}.${key}`) : [],
    );
  }
  if (isScalarType(type)) {
    const message = scalarProblem(type.name, value);
    return message ? [{ path, message }] : [];
  }
  return [];
}

/**
 * Every argument of every field the operation selects (fragments included), with variables
 * and literals alike, checked against the bounds. Variables that do not even fit their
 * declared type are left to GraphQL's own coercion error.
 */
export function operationProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): { field: string; problems: InputProblem[] }[] {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return [];
  const found: { field: string; problems: InputProblem[] }[] = [];
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const def = typeInfo.getFieldDef();
      if (!def || def.args.length === 0) return;
      let values: Record<string, unknown>;
      try {
        values = getArgumentValues(def, node, coerced.coerced);
      } catch {
        return; // a literal of the wrong type: validation reports it
      }
      const problems = def.args.flatMap((arg) => inputProblems(arg.type, values[arg.name], arg.name));
      if (problems.length) found.push({ field: node.name.value, problems });
    },
  });
  for (const definition of document.definitions) {
    if (definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, visitor);
  }
  return found;
}

/** A request error (HTTP 400) that names each argument and what is wrong with it. */
export function boundsError(found: { field: string; problems: InputProblem[] }[]): GraphQLError {
  const problems = found.flatMap((f) => f.problems.map((p) => ({ path: p.path, message: p.message, field: f.field })));
  const message = `invalid input: ${problems.map((p) => `${p.field}(${p.path}): ${p.message}`).join('; ')}`;
  return new GraphQLError(message, {
    extensions: {
      code: 'INVALID_INPUT',
      problems: problems.map(({ path, message: m, field }) => ({ path, message: m, field })),
      http: { status: 400 },
    },
  });
}
