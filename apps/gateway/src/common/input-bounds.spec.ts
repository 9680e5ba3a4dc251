import { Kind, buildSchema, parse } from 'graphql';
import { operationProblems, scalarProblem } from './input-bounds.js';

describe('the bounds of one input value', () => {
  it('takes UUIDs of any version as ids and nothing else', () => {
    expect(scalarProblem('ID', '3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBeNull();
    expect(scalarProblem('ID', 'D2B4A8C6-1E2F-4A3B-9C8D-7E6F5A4B3C2D')).toBeNull();
    for (const bad of [
      '',
      '42',
      'not-a-uuid',
      '3f2504e0-4f89-11d3-9a0c-0305e82c3301 ',
      '3f2504e04f8911d39a0c0305e82c3301',
    ])
      expect([bad, scalarProblem('ID', bad)]).toEqual([bad, expect.stringMatching(/UUID/)]);
  });

  it('bounds texts at 1,000 characters', () => {
    expect(scalarProblem('String', 'ä'.repeat(1000))).toBeNull();
    expect(scalarProblem('String', 'x'.repeat(1001))).toMatch(/at most 1000 characters, got 1001/);
  });

  it('lets tabs, line breaks and any script through, but no control character or broken Unicode', () => {
    expect(scalarProblem('String', 'Zeile 1\r\nZeile 2\tأمينة 😀')).toBeNull();
    expect(scalarProblem('String', 'a\u0000b')).toMatch(/NUL character \(U\+0000\)/);
    expect(scalarProblem('String', 'a\u001bb')).toMatch(/control character U\+001B/);
    expect(scalarProblem('String', 'a\u007f')).toMatch(/U\+007F/);
    expect(scalarProblem('String', 'a\ud800b')).toMatch(/lone surrogate/);
    expect(scalarProblem('String', '\udc00')).toMatch(/lone surrogate/);
  });

  it('leaves types with rules of their own alone', () => {
    expect(scalarProblem('Int', 1e9)).toBeNull();
    expect(scalarProblem('DateTime', 'x'.repeat(5000))).toBeNull();
  });
});

describe('the bounds of an operation', () => {
  const schema = buildSchema(`
    type Case { id: ID! note(lang: String): String }
    type Query { case(id: ID!): Case cases(ids: [ID!]!): [Case!]! }
  `);
  const document = parse(`
    query Q($id: ID!, $lang: String) { case(id: $id) { ...F } cases(ids: ["not-a-uuid"]) { id } }
    fragment F on Case { id note(lang: $lang) }
  `);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
  const good = '0190f3a1-7c2e-7d4b-9a10-5e2f00ca5e01';

  it("are the variables' of each request, though the same document comes again", () => {
    // Expected answers, per request (the literal list's bad id every time).
    const literal = { field: 'cases', problems: [{ path: 'ids.0', message: 'not an id: expected a UUID' }] };
    expect(operationProblems(schema, document, operation, { id: good, lang: 'de' })).toEqual([literal]);
    expect(operationProblems(schema, document, operation, { id: 'x', lang: 'de' })).toEqual([
      { field: 'case', problems: [{ path: 'id', message: 'not an id: expected a UUID' }] },
      literal,
    ]);
    expect(operationProblems(schema, document, operation, { id: good, lang: 'a\u0000' })).toEqual([
      literal,
      { field: 'note', problems: [{ path: 'lang', message: 'must not contain a NUL character (U+0000)' }] },
    ]);
    expect(operationProblems(schema, document, operation, { id: good, lang: null })).toEqual([literal]);
  });
});
