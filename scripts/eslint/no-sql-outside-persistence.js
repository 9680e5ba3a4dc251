// ESLint rule kim/no-sql-outside-persistence: every SQL statement of the hub lives in a
// repository of packages/persistence (docs/architecture.md, "One way to reach the database").
// Elsewhere it reports
//  - calls of TypeORM's and node-postgres' data access on a data source, entity manager,
//    repository, query runner or pool: query, find*, save, insert, update, delete, upsert,
//    remove, count, exist*, increment, decrement, createQueryBuilder, getRepository;
//  - imports of the hand-run helper from @kim/persistence: preparedQuery (the run-time SQL
//    generator it served, selectRow(s)/requireRow/insertRow/writeLockedRow, is gone: every
//    statement is written out in a repository).
// Which object a call is made on comes from the type checker, so `array.find(...)` or
// `map.delete(...)` pass; `query`, `save`, `createQueryBuilder` and `getRepository` are
// reported even without type information, being names nothing else in the hub uses.

const DATA_ACCESS =
  /^(query|find\w*|save|insert|update|delete|upsert|remove|softDelete|restore|count\w*|exists?\w*|increment|decrement|sum|average|minimum|maximum|createQueryBuilder|getRepository|getTreeRepository)$/;
const ALWAYS = new Set(['query', 'save', 'createQueryBuilder', 'getRepository']);
const HAND_RUN = new Set(['preparedQuery']);
/** Declarations from these packages are the database's: TypeORM, node-postgres. */
const DATABASE_TYPES = /[\\/]node_modules[\\/](typeorm|pg|@types[\\/]pg|pg-pool|@types[\\/]pg-pool)[\\/]/;

function declaredByDatabaseLibrary(type) {
  if (!type) return false;
  if (type.isUnion?.() || type.isIntersection?.()) return type.types.some(declaredByDatabaseLibrary);
  const symbol = type.getSymbol?.() ?? type.aliasSymbol;
  const files = (symbol?.getDeclarations?.() ?? []).map((d) => d.getSourceFile().fileName);
  return files.some((f) => DATABASE_TYPES.test(f));
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'SQL and TypeORM data access only in packages/persistence repositories' },
    schema: [],
    messages: {
      call: "Data access ('.{{name}}(') outside packages/persistence: add a statement to a repository (packages/persistence/src/repositories) and call it from core.",
      import:
        "'{{name}}' runs SQL outside a repository: declare the statement with statement(...) in packages/persistence/src/repositories and call the repository.",
    },
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    const typed = Boolean(services?.program && services.esTreeNodeToTSNodeMap);
    const checker = typed ? services.program.getTypeChecker() : null;
    const typeOf = (node) => checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
    return {
      ImportDeclaration(node) {
        if (node.source.value !== '@kim/persistence') return;
        for (const s of node.specifiers) {
          if (s.type === 'ImportSpecifier' && HAND_RUN.has(s.imported.name)) {
            context.report({ node: s, messageId: 'import', data: { name: s.imported.name } });
          }
        }
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const name = callee.property.name;
        if (!DATA_ACCESS.test(name)) return;
        const onDatabase = typed ? declaredByDatabaseLibrary(typeOf(callee.object)) : false;
        if (
          onDatabase ||
          (ALWAYS.has(name) && !typed) ||
          (ALWAYS.has(name) && typed && isUntyped(typeOf(callee.object)))
        ) {
          context.report({ node: callee.property, messageId: 'call', data: { name } });
        }
      },
    };
  },
};

/** `any` or unresolved: a `.query(` on it is most likely a data source passed around loosely. */
function isUntyped(type) {
  return !type || (type.flags & 1) /* Any */ !== 0 || (type.flags & 2) /* Unknown */ !== 0;
}
