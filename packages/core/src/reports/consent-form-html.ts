import { ENGLISH_WORDS, GERMAN_WORDS, languageName } from '@kim/contracts';
import type { LetterContacts } from './access-letter.js';

/** What a printed consent form names: the person, the recipients and what they may receive, and who answers for it. */
export interface ConsentFormContent {
  person: {
    givenNames: string;
    familyName: string;
    birthDate: string | null;
    birthDatePrecision: string;
    municipality: string;
  };
  caseReference: string;
  recipients: { name: string; address: string | null; phone: string | null; email: string | null }[];
  /** Hub codes (kebab-case). */
  purposes: string[];
  categories: string[];
  validFrom: string | null;
  validUntil: string | null;
  formVersion: string | null;
  /** ISO 639 code of the language the consent is explained in. */
  explainedIn: string | null;
  contacts: LetterContacts;
  printedAt: string;
}

const esc = (s: string | null | undefined) =>
  (s ?? '—').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const multiline = (s: string | null, none: string) => (s ? esc(s).replace(/\n/g, '<br>') : `<em>${none}</em>`);
const dateIn = (lng: 'de' | 'en', iso: string | null) =>
  iso
    ? new Intl.DateTimeFormat(lng === 'de' ? 'de-DE' : 'en-GB', {
        dateStyle: 'long',
        timeZone: 'Europe/Berlin',
      }).format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso))
    : '—';
const listOf = (map: Record<string, string>, codes: string[], other: string) =>
  codes.map((c) => map[c] ?? other).join(', ');

function birth(p: ConsentFormContent['person'], lng: 'de' | 'en'): string {
  if (!p.birthDate || p.birthDatePrecision === 'unknown') return lng === 'de' ? 'unbekannt' : 'unknown';
  if (p.birthDatePrecision === 'year-only') return p.birthDate.slice(0, 4);
  // Refugees' papers often carry 01.01. of the year: never shown as if it were exact.
  if (p.birthDatePrecision === 'placeholder')
    return `${dateIn(lng, p.birthDate)} (${lng === 'de' ? 'Platzhalter aus den Papieren' : 'placeholder from the papers'})`;
  return dateIn(lng, p.birthDate);
}

/**
 * The consent form to print and sign (Einwilligungserklärung), German first and English second:
 * the person, each recipient with its contact, the purposes and data categories, the validity, the
 * form's version, the right to withdraw and the other rights, and the controller and data
 * protection officer from the tenant's settings. Self-contained HTML for Chromium's print to PDF.
 */
export function renderConsentFormHtml(f: ConsentFormContent): string {
  const p = f.person;
  const c = f.contacts;
  const de = GERMAN_WORDS;
  const en = ENGLISH_WORDS;
  const health = f.categories.includes('health');
  // One block per recipient, not a table: addresses and e-mail addresses keep their lines.
  const recipientList = (lng: 'de' | 'en') =>
    `<ul class="recipients">${f.recipients
      .map((r) => {
        const reach = [
          r.phone ? `${lng === 'de' ? 'Telefon' : 'Phone'} ${esc(r.phone)}` : null,
          r.email ? `${lng === 'de' ? 'E-Mail' : 'E-mail'} ${esc(r.email)}` : null,
        ].filter(Boolean);
        return `<li><strong>${esc(r.name)}</strong>${r.address ? `<br>${multiline(r.address, '')}` : ''}${reach.length ? `<br>${reach.join(' · ')}` : ''}</li>`;
      })
      .join('')}</ul>`;
  const person = (lng: 'de' | 'en') => `<table class="facts"><tbody>
<tr><th scope="row">${lng === 'de' ? 'Name' : 'Name'}</th><td>${esc(p.givenNames)} ${esc(p.familyName)}</td></tr>
<tr><th scope="row">${lng === 'de' ? 'Geburtsdatum' : 'Date of birth'}</th><td>${esc(birth(p, lng))}</td></tr>
<tr><th scope="row">${lng === 'de' ? 'Wohnort' : 'Place of residence'}</th><td>${esc(p.municipality)}</td></tr>
<tr><th scope="row">${lng === 'de' ? 'Fall' : 'Case'}</th><td>${esc(f.caseReference)}</td></tr>
</tbody></table>`;
  const validity = (lng: 'de' | 'en') =>
    lng === 'de'
      ? `Gültig vom ${esc(dateIn('de', f.validFrom))} bis zum ${esc(dateIn('de', f.validUntil))}, wenn Sie sie nicht vorher widerrufen.`
      : `Valid from ${esc(dateIn('en', f.validFrom))} until ${esc(dateIn('en', f.validUntil))}, unless you withdraw it earlier.`;
  const controller = (lng: 'de' | 'en') => {
    const missing = lng === 'de' ? 'noch nicht hinterlegt' : 'not set yet';
    return `<p><strong>${lng === 'de' ? 'Verantwortlich' : 'Controller'}:</strong> ${c.controllerName ? esc(c.controllerName) : `<em>${missing}</em>`}<br>${multiline(c.controllerAddress, missing)}</p>
<p><strong>${lng === 'de' ? 'Datenschutzbeauftragte oder Datenschutzbeauftragter' : 'Data protection officer'}:</strong> ${c.dpoName ? esc(c.dpoName) : `<em>${missing}</em>`}<br>${multiline(c.dpoContact, missing)}</p>`;
  };
  const explained = f.explainedIn
    ? { de: languageName(f.explainedIn, 'de'), en: languageName(f.explainedIn, 'en') }
    : null;
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Einwilligungserklärung / Declaration of consent</title>
<style>
@page{size:A4;margin:16mm 16mm 18mm}
body{font-family:system-ui,'DejaVu Sans',sans-serif;font-size:10.5pt;line-height:1.4;color:#000;font-variant-ligatures:none}
.recipients{padding-left:1.1rem}.recipients li{margin:.2rem 0}
h1{font-size:15pt;margin:0 0 .4rem}h2{font-size:12pt;margin:1rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0 .6rem}td,th{border:1px solid #777;padding:.2rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.facts th{width:28%}.sign{display:flex;gap:2rem;margin-top:1.6rem}.sign div{flex:1;border-top:1px solid #000;padding-top:.2rem;font-size:9pt}
.meta{font-size:9pt;color:#333}section[lang=en]{break-before:page}
</style></head><body>
<section lang="de">
<p class="meta">Formular ${esc(f.formVersion)} · gedruckt am ${esc(dateIn('de', f.printedAt))}</p>
<h1>Einwilligungserklärung zur Datenübermittlung im Kommunalen Integrationsmanagement</h1>
<h2>1. Ich</h2>
${person('de')}
<h2>2. willige ein, dass das Kommunale Integrationsmanagement meine Daten an diese Stellen übermittelt</h2>
${recipientList('de')}
<h2>3. für diese Zwecke</h2>
<p>${esc(listOf(de.purpose, f.purposes, 'sonstige'))}</p>
<h2>4. mit diesen Daten</h2>
<p>${esc(listOf(de.category, f.categories, 'sonstige'))}</p>
${health ? '<p>Gesundheitsdaten sind besonders geschützte Daten (Art. 9 DSGVO); diese Einwilligung gilt ausdrücklich auch für sie.</p>' : ''}
<h2>5. Dauer</h2>
<p>${validity('de')}</p>
${explained ? `<p>Die Einwilligung wurde mir auf ${esc(explained.de)} erklärt.</p>` : ''}
<h2>6. Ihre Rechte</h2>
<ul>
<li>Die Einwilligung ist freiwillig. Wenn Sie nicht einwilligen, hat das keine Nachteile für Ihre Beratung.</li>
<li>Widerruf (Art. 7 Abs. 3 DSGVO): Sie können die Einwilligung jederzeit ganz oder für einzelne Stellen widerrufen. Was vorher geschah, bleibt rechtmäßig; danach wird nichts mehr übermittelt.</li>
<li>Auskunft (Art. 15), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung (Art. 18), Datenübertragbarkeit (Art. 20) und Widerspruch (Art. 21 DSGVO).</li>
<li>Beschwerde bei einer Aufsichtsbehörde (Art. 77 DSGVO), zum Beispiel bei der Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen.</li>
</ul>
<h2>7. Verantwortliche Stelle und Datenschutzbeauftragte</h2>
${controller('de')}
<div class="sign"><div>Ort, Datum</div><div>Unterschrift der Person</div><div>Unterschrift Case Management</div></div>
</section>
<section lang="en">
<p class="meta">Form ${esc(f.formVersion)} · printed on ${esc(dateIn('en', f.printedAt))}</p>
<h1>Declaration of consent to the transfer of data in municipal integration management</h1>
<h2>1. I</h2>
${person('en')}
<h2>2. consent to municipal integration management (KIM) passing my data to these agencies</h2>
${recipientList('en')}
<h2>3. for these purposes</h2>
<p>${esc(listOf(en.purpose, f.purposes, 'other'))}</p>
<h2>4. with these data</h2>
<p>${esc(listOf(en.category, f.categories, 'other'))}</p>
${health ? '<p>Health data are a special category of data (Art. 9 GDPR); this consent expressly covers them.</p>' : ''}
<h2>5. Duration</h2>
<p>${validity('en')}</p>
${explained ? `<p>The consent was explained to me in ${esc(explained.en)}.</p>` : ''}
<h2>6. Your rights</h2>
<ul>
<li>Consent is voluntary. If you do not consent, your counselling does not suffer.</li>
<li>Withdrawal (Art. 7(3) GDPR): you may withdraw this consent at any time, wholly or for single agencies. What happened before stays lawful; nothing is passed on afterwards.</li>
<li>Access (Art. 15), rectification (Art. 16), erasure (Art. 17), restriction (Art. 18), data portability (Art. 20) and objection (Art. 21 GDPR).</li>
<li>A complaint to a supervisory authority (Art. 77 GDPR), for example the State Commissioner for Data Protection and Freedom of Information of North Rhine-Westphalia.</li>
</ul>
<h2>7. Controller and data protection officer</h2>
${controller('en')}
<p class="meta">The German text is the one that is signed; this English text helps to understand it.</p>
</section>
</body></html>`;
}
