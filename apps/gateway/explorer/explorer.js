// The hub's own GraphQL explorer: plain browser code, nothing loaded from elsewhere.
// The token lives in the password field only; nothing is written to storage or the URL.
const endpoint = new URL('..', document.baseURI).pathname.replace(/\/$/, '');

const SCHEMA_QUERY = `{ __schema { types { name kind fields { name type { name kind ofType { name kind ofType { name kind } } } } } } }`;

function typeName(t) {
  if (!t) return '?';
  if (t.kind === 'NON_NULL') return `${typeName(t.ofType)}!`;
  if (t.kind === 'LIST') return `[${typeName(t.ofType)}]`;
  return t.name;
}

async function send(query, variables) {
  const token = document.getElementById('token').value.trim();
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(endpoint, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
    credentials: 'omit',
    cache: 'no-store',
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

function show(status, text) {
  document.getElementById('status').textContent = status;
  document.getElementById('result').textContent = text;
}

async function run(event) {
  event.preventDefault();
  let variables;
  try {
    variables = JSON.parse(document.getElementById('variables').value || '{}');
  } catch {
    show('Variablen sind kein gültiges JSON. (Variables are not valid JSON.)', '');
    return;
  }
  show('Läuft … (running)', '');
  try {
    const { status, body } = await send(document.getElementById('query').value, variables);
    show(`HTTP ${status}`, JSON.stringify(body, null, 2));
  } catch (e) {
    show('Hub nicht erreichbar. (Hub unreachable.)', String(e));
  }
}

async function schema() {
  show('Läuft … (running)', '');
  try {
    const { status, body } = await send(SCHEMA_QUERY, {});
    const types = body?.data?.__schema?.types;
    if (!types) return show(`HTTP ${status}`, JSON.stringify(body, null, 2));
    const lines = types
      .filter((t) => !t.name.startsWith('__') && t.fields)
      .map((t) => `type ${t.name} {\n${t.fields.map((f) => `  ${f.name}: ${typeName(f.type)}`).join('\n')}\n}`);
    show(`HTTP ${status}`, lines.join('\n\n'));
  } catch (e) {
    show('Hub nicht erreichbar. (Hub unreachable.)', String(e));
  }
}

document.getElementById('explorer').addEventListener('submit', run);
document.getElementById('schema').addEventListener('click', schema);
