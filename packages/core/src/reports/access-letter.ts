import { GERMAN_WORDS, countryNameOrNull, languageName } from '@kim/contracts';
import type { AccessReport } from './access-report.js';

/** Who answers for the data, from the tenant's settings (null until the administrator set them). */
export interface LetterContacts {
  controllerName: string | null;
  controllerAddress: string | null;
  dpoName: string | null;
  dpoContact: string | null;
}

// The hub's codes in the words the console uses for them (@kim/contracts' GERMAN_WORDS).
const {
  referralStatus: STATUS,
  phase: PHASE,
  lifeDomain: DOMAIN,
  goalStatus: GOAL,
  category: CATEGORY,
  purpose: PURPOSE,
  sex: SEX,
  identifier: IDENTIFIER,
  achievementKind: ACHIEVEMENT,
  evidenceKind: EVIDENCE,
} = GERMAN_WORDS as Record<keyof typeof GERMAN_WORDS, Record<string, string>>;
const ACTION: Record<string, string> = {
  disclosed: 'übermittelt',
  read: 'abgerufen',
  'override-read': 'eingesehen (Notfallzugriff)',
  transferred: 'bei Umzug übergeben',
};

const word = (map: Record<string, string>, code: string | null | undefined) =>
  code == null ? '—' : (map[code] ?? 'sonstige');
const words = (map: Record<string, string>, codes: readonly string[]) =>
  codes.length ? codes.map((c) => word(map, c)).join(', ') : '—';
const country = (code: string | null) => (code ? (countryNameOrNull(code, 'de') ?? 'andere Staatsangehörigkeit') : '—');
const language = (code: string) => languageName(code, 'de');
const date = (iso: string | null | undefined) =>
  iso ? new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(new Date(iso)) : '—';
const esc = (s: string | null | undefined) =>
  (s ?? '—').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const lines = (s: string | null) => (s ? esc(s).replace(/\n/g, '<br>') : '<em>noch nicht hinterlegt</em>');

function table(head: string[], rows: string[][]): string {
  if (!rows.length) return '<p>Keine Einträge.</p>';
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

type ReportAchievement = AccessReport['cases'][number]['achievements'][number];

/** The facts of an achievement in a few German words (level, points, hours, where). */
function achievementDetail(a: ReportAchievement): string {
  const d = a.details;
  const parts: string[] = [];
  if (typeof d['cefrLevel'] === 'string') parts.push(`Niveau ${d['cefrLevel']}`);
  if (typeof d['test'] === 'string') parts.push(d['test']);
  if (typeof d['points'] === 'number') parts.push(`${d['points']} von 33 Punkten`);
  if (typeof d['hoursPerWeek'] === 'number') parts.push(`${d['hoursPerWeek']} Stunden pro Woche`);
  if (d['securesLivelihood'] === true) parts.push('sichert den Lebensunterhalt');
  for (const k of ['title', 'qualification', 'provider'] as const) if (typeof d[k] === 'string') parts.push(d[k]);
  return parts.join(', ') || '—';
}

function birth(p: AccessReport['person']): string {
  if (!p.birthDate || p.birthDatePrecision === 'unknown') return 'unbekannt';
  if (p.birthDatePrecision === 'year-only') return `nur das Jahr: ${p.birthDate.slice(0, 4)}`;
  if (p.birthDatePrecision === 'placeholder') return `${date(p.birthDate)} (Platzhalter aus dem Ausweis)`;
  return date(p.birthDate);
}

/**
 * The person's Art. 15 GDPR letter in German: the data held (Art. 15(3)), purposes, recipients,
 * retention, source, the rights under Art. 16 to 21 and 77, and who the controller and the data
 * protection officer are (from the tenant's settings). Every code of the hub appears as a word.
 */
export function renderAccessLetterHtml(
  r: AccessReport,
  opts: { contacts: LetterContacts; retentionDays: number },
): string {
  const p = r.person;
  const c = opts.contacts;
  const years = Math.round((opts.retentionDays / 365) * 10) / 10;
  const purposes = [...new Set(r.consents.flatMap((x) => x.purposes))];
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Auskunft nach Art. 15 DSGVO</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;line-height:1.45}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.2rem}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}.sender{font-size:.9rem}@media print{body{margin:0}}</style>
</head><body>
<header class="sender"><p><strong>${esc(c.controllerName ?? 'Verantwortliche Stelle')}</strong><br>${lines(c.controllerAddress)}</p></header>
<p>${esc(p.givenNames)} ${esc(p.familyName)}<br>${esc(p.municipality)}</p>
<p>Datum: ${esc(date(r.generatedAt))}</p>
<h1>Auskunft nach Art. 15 DSGVO</h1>
<p>Guten Tag ${esc(p.givenNames)} ${esc(p.familyName)},</p>
<p>Sie haben gefragt, welche Daten das Kommunale Integrationsmanagement (KIM) über Sie speichert. Hier ist unsere Auskunft. Sie enthält eine Kopie Ihrer Daten, die Zwecke, die Empfänger, die Speicherdauer und Ihre Rechte.</p>

<h2>1. Ihre Daten, die wir speichern</h2>
<table><tbody>
<tr><th scope="row">Vornamen</th><td>${esc(p.givenNames)}</td></tr>
<tr><th scope="row">Familienname</th><td>${esc(p.familyName)}</td></tr>
<tr><th scope="row">Name in Originalschrift</th><td>${esc(p.nameOriginalScript)}</td></tr>
<tr><th scope="row">Geburtsdatum</th><td>${esc(birth(p))}</td></tr>
<tr><th scope="row">Geschlecht</th><td>${esc(word(SEX, p.sex))}</td></tr>
<tr><th scope="row">Staatsangehörigkeit</th><td>${esc(country(p.nationality))}</td></tr>
<tr><th scope="row">Sprachen</th><td>${esc(p.languages.map(language).join(', ') || '—')}</td></tr>
<tr><th scope="row">Aufenthaltsstatus</th><td>${esc(p.residenceStatus)}</td></tr>
<tr><th scope="row">Wohnort</th><td>${esc(p.municipality)}</td></tr>
<tr><th scope="row">Einreise</th><td>${esc(date(p.arrivalDate))}</td></tr>
<tr><th scope="row">Kontaktsperre</th><td>${p.doNotContact ? 'ja: Stellen nehmen keinen Kontakt zu Ihnen auf' : 'nein'}</td></tr>
</tbody></table>
<h3>Ihre Nummern bei Stellen</h3>
${table(
  ['Art', 'Stelle', 'Nummer'],
  r.identifiers.map((i) => [IDENTIFIER[i.kind] ?? 'Kennung', i.issuer, i.value]),
)}
${r.cases
  .map(
    (k) => `<h3>Ihr Fall ${esc(k.reference)}</h3>
<p>Phase: ${esc(word(PHASE, k.phase))}. Eröffnet am ${esc(date(k.openedAt))}${k.closedAt ? `, abgeschlossen am ${esc(date(k.closedAt))}` : ''}.</p>
${table(
  ['Lebensbereich', 'Bedarf'],
  k.needs.map((n) => [word(DOMAIN, n.domain), n.description]),
)}
${table(
  ['Lebensbereich', 'Ziel', 'Stand', 'Zieldatum'],
  k.goals.map((g) => [word(DOMAIN, g.domain), g.description, word(GOAL, g.status), date(g.targetDate)]),
)}
${table(
  ['Stelle', 'Leistung', 'Status', 'Grund', 'Angefragt am'],
  k.referrals.map((x) => [x.agency, x.service, word(STATUS, x.status), x.reason ?? '—', date(x.requestedAt)]),
)}
<h4>Ihre Integrationsleistungen</h4>
${table(
  ['Leistung', 'Am', 'Angaben', 'Nachweis', 'Quelle'],
  k.achievements.map((a) => [
    `${word(ACHIEVEMENT, a.kind)}${a.correctedAt ? ` (berichtigt am ${date(a.correctedAt)})` : ''}`,
    date(a.achievedOn),
    achievementDetail(a),
    `${word(EVIDENCE, a.evidence.kind)} ${a.evidence.reference}, gesehen am ${date(a.evidence.seenOn)}`,
    a.reportedBy ? `Meldung von ${a.reportedBy}` : 'Case Management',
  ]),
)}`,
  )
  .join('\n')}
<h3>Ihre Einwilligungen</h3>
${table(
  ['Empfänger', 'Zwecke', 'Daten', 'Gültig', 'Widerrufen am'],
  r.consents.map((x) => [
    x.recipient,
    words(PURPOSE, x.purposes),
    words(CATEGORY, x.categories),
    `${date(x.validFrom)} bis ${date(x.validUntil)}`,
    date(x.revokedAt),
  ]),
)}
<h3>Gesetzliche Grundlagen ohne Einwilligung</h3>
${table(
  ['Empfänger', 'Rechtsgrundlage', 'Daten'],
  r.legalBases.map((b) => [b.recipient, b.citation, words(CATEGORY, b.categories)]),
)}

<h2>2. Wozu wir Ihre Daten verarbeiten</h2>
<p>Für das Case Management im Kommunalen Integrationsmanagement: Ihre Beratung, Ihren Integrationsplan und die Vermittlung an Stellen, die Ihnen helfen. Mit Ihrer Einwilligung außerdem für diese Zwecke: ${esc(words(PURPOSE, purposes))}.</p>

<h2>3. Wer Ihre Daten erhalten hat</h2>
${table(
  ['Datum', 'Empfänger', 'Vorgang', 'Daten'],
  r.disclosures.map((d) => [date(d.at), d.recipient, word(ACTION, d.action), words(CATEGORY, d.categories)]),
)}

<h2>4. Wie lange wir Ihre Daten speichern</h2>
<p>Bis ${opts.retentionDays} Tage (etwa ${years.toLocaleString('de-DE')} Jahre) nach dem Abschluss Ihres letzten Falls. Dann löschen wir Namen, genaue Daten und Nummern; es bleiben nur Zahlen für die Statistik, die niemanden erkennen lassen. Eine Einwilligung gilt nur bis zu ihrem Enddatum oder bis Sie sie widerrufen.</p>

<h2>5. Woher Ihre Daten stammen</h2>
<p>Von Ihnen selbst im Gespräch mit Ihrem Case Management, und von den Stellen, an die wir Sie vermittelt haben (ihre Rückmeldungen zum Stand).</p>
<p>Wir treffen keine automatisierte Entscheidung über Sie im Sinne von Art. 22 DSGVO.</p>

<h2>6. Ihre Rechte</h2>
<ul>
<li>Berichtigung (Art. 16 DSGVO): Sind Daten falsch oder unvollständig, werden sie berichtigt.</li>
<li>Löschung (Art. 17 DSGVO): Sie können verlangen, dass Daten gelöscht werden, die wir nicht mehr brauchen oder nicht verarbeiten dürfen.</li>
<li>Einschränkung der Verarbeitung (Art. 18 DSGVO): Sie können verlangen, dass Daten nur noch gespeichert und nicht weiter verwendet werden, zum Beispiel solange ihre Richtigkeit geprüft wird.</li>
<li>Mitteilung an Empfänger (Art. 19 DSGVO): Wir teilen Berichtigung, Löschung oder Einschränkung allen Stellen mit, die Ihre Daten erhalten haben, und nennen Ihnen diese auf Wunsch.</li>
<li>Datenübertragbarkeit (Art. 20 DSGVO): Daten, die Sie uns mit Ihrer Einwilligung gegeben haben, erhalten Sie auf Wunsch in einem gängigen, maschinenlesbaren Format.</li>
<li>Widerspruch (Art. 21 DSGVO): Sie können der Verarbeitung aus Gründen Ihrer besonderen Situation widersprechen.</li>
<li>Widerruf der Einwilligung (Art. 7 Abs. 3 DSGVO): Sie können jede Einwilligung jederzeit widerrufen; was vorher geschah, bleibt rechtmäßig.</li>
<li>Beschwerde bei einer Aufsichtsbehörde (Art. 77 DSGVO): zum Beispiel bei der Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen, Kavalleriestraße 2–4, 40213 Düsseldorf.</li>
</ul>

<h2>7. Verantwortliche Stelle und Datenschutzbeauftragte</h2>
<p><strong>Verantwortlich:</strong> ${esc(c.controllerName ?? null)}<br>${lines(c.controllerAddress)}</p>
<p><strong>Datenschutzbeauftragte oder Datenschutzbeauftragter:</strong> ${esc(c.dpoName ?? null)}<br>${lines(c.dpoContact)}</p>
</body></html>`;
}
