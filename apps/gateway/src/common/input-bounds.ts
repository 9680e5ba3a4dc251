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
  type FieldNode,
  type GraphQLField,
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

/** A selected field that takes arguments, with its definition: what the bounds check per request. */
interface FieldWithArguments {
  def: GraphQLField<unknown, unknown>;
  node: FieldNode;
}

/**
 * The fields with arguments an operation selects (fragments included), found by one walk of the
 * document with the schema's types. The walk depends on the document only, never on the
 * variables, so it is done once per operation: Apollo hands the same parsed document for the same
 * query text (its document cache), and the values are checked on every request.
 */
const fieldsWithArguments = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, FieldWithArguments[]>>();

function argumentFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): FieldWithArguments[] {
  let bySchema = fieldsWithArguments.get(schema);
  if (!bySchema) fieldsWithArguments.set(schema, (bySchema = new WeakMap()));
  let fields = bySchema.get(operation);
  if (fields) return fields;
  const found: FieldWithArguments[] = [];
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const def = typeInfo.getFieldDef();
      if (def && def.args.length > 0) found.push({ def, node });
    },
  });
  for (const definition of document.definitions) {
    if (definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, visitor);
  }
  fields = found;
  bySchema.set(operation, fields);
  return fields;
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
  for (const { def, node } of argumentFields(schema, document, operation)) {
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(def, node, coerced.coerced);
    } catch {
      continue; // a literal of the wrong type: validation reports it
    }
    const problems = def.args.flatMap((arg) => inputProblems(arg.type, values[arg.name], arg.name));
    if (problems.length) found.push({ field: node.name.value, problems });
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
