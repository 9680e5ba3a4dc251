import type { ResidenceRoutesConfig } from '@kim/contracts';

/**
 * The routes to a secure residence as data (issue 19, item 2). Each route lists the facts its
 * provision asks about, each with its legal source; each version applies from the day its
 * wording entered into force. When the law changes, add a version with the new validFrom and
 * leave the old one: an evaluation for an earlier day still uses the wording of that day.
 * Reviewed against the law as in force on `version`; validated at load (residenceRoutesConfigSchema).
 *
 * Facts the hub cannot hold evidence for (identity, no convictions, commitment to the free
 * democratic basic order) are listed as `authority`: the authority checks them.
 */
export const RESIDENCE_ROUTES_DATA: ResidenceRoutesConfig = {
  version: '2026-12-04',
  disclaimer: {
    de: 'Nur zur Information: Ob die Voraussetzungen erfüllt sind, entscheidet allein die zuständige Behörde. Der Hub zeigt nur, für welche Tatsachen ihm Nachweise vorliegen und für welche nicht.',
    en: 'For information only: whether the requirements are met is decided by the competent authority alone. The hub only shows which facts it holds evidence for and which it does not.',
  },
  routes: [
    {
      key: 'aufenthg-25a',
      law: '§ 25a AufenthG',
      title: {
        de: 'Aufenthaltserlaubnis für gut integrierte Jugendliche und junge Volljährige',
        en: 'Residence permit for well-integrated adolescents and young adults',
      },
      versions: [
        {
          validFrom: '2022-12-31',
          amendedBy: 'Gesetz zur Einführung eines Chancen-Aufenthaltsrechts vom 21.12.2022 (BGBl. I S. 2847)',
          facts: [
            {
              key: 'residence',
              label: { de: 'Drei Jahre ununterbrochener Aufenthalt', en: 'Three years of uninterrupted residence' },
              source: '§ 25a Abs. 1 Satz 1 Nr. 1 AufenthG',
              check: { type: 'residence-years', minYears: 3 },
              note: {
                de: 'Gerechnet ab dem erfassten Einreisedatum; ob der Aufenthalt erlaubt, geduldet oder gestattet war, prüft die Behörde.',
                en: 'Counted from the recorded arrival date; whether the stay was permitted, tolerated or authorised is for the authority.',
              },
            },
            {
              key: 'school',
              label: {
                de: 'Drei Jahre erfolgreicher Schulbesuch oder ein anerkannter Schul- oder Berufsabschluss',
                en: 'Three years of successful school attendance, or a recognised school or vocational qualification',
              },
              source: '§ 25a Abs. 1 Satz 1 Nr. 2 AufenthG',
              check: {
                type: 'school',
                attendee: 'self',
                minYears: 3,
                orQualification: true,
                orCompletedTraining: true,
              },
            },
            {
              key: 'age',
              label: { de: 'Antrag vor Vollendung des 27. Lebensjahres', en: 'Application before the 27th birthday' },
              source: '§ 25a Abs. 1 Satz 1 Nr. 3 AufenthG',
              check: { type: 'age-below', years: 27 },
            },
            {
              key: 'prognosis',
              label: {
                de: 'Positive Integrationsprognose',
                en: 'Positive prognosis of integration',
              },
              source: '§ 25a Abs. 1 Satz 1 Nr. 4 AufenthG',
              check: { type: 'authority' },
            },
            {
              key: 'commitment',
              label: {
                de: 'Bekenntnis zur freiheitlichen demokratischen Grundordnung',
                en: 'Commitment to the free democratic basic order',
              },
              source: '§ 25a Abs. 1 Satz 1 Nr. 5 AufenthG',
              check: { type: 'authority' },
            },
          ],
        },
      ],
    },
    {
      key: 'aufenthg-25b',
      law: '§ 25b AufenthG',
      title: {
        de: 'Aufenthaltsgewährung bei nachhaltiger Integration',
        en: 'Residence on grounds of sustainable integration',
      },
      versions: [
        {
          validFrom: '2022-12-31',
          amendedBy: 'Gesetz zur Einführung eines Chancen-Aufenthaltsrechts vom 21.12.2022 (BGBl. I S. 2847)',
          facts: [
            {
              key: 'residence',
              label: { de: 'Sechs Jahre ununterbrochener Aufenthalt', en: 'Six years of uninterrupted residence' },
              source: '§ 25b Abs. 1 Satz 2 Nr. 1 AufenthG',
              check: { type: 'residence-years', minYears: 6, reducedMinYears: 4 },
              note: {
                de: 'Vier Jahre genügen, wenn ein minderjähriges lediges Kind in häuslicher Gemeinschaft lebt; das prüft die Behörde.',
                en: 'Four years suffice with a minor unmarried child in the household; the authority checks this.',
              },
            },
            {
              key: 'commitment',
              label: {
                de: 'Bekenntnis zur freiheitlichen demokratischen Grundordnung',
                en: 'Commitment to the free democratic basic order',
              },
              source: '§ 25b Abs. 1 Satz 2 Nr. 2 AufenthG',
              check: { type: 'authority' },
            },
            {
              key: 'knowledge',
              label: {
                de: 'Grundkenntnisse der Rechts- und Gesellschaftsordnung (Test „Leben in Deutschland“)',
                en: 'Basic knowledge of the legal and social order ("Leben in Deutschland" test)',
              },
              source: '§ 25b Abs. 1 Satz 2 Nr. 2 AufenthG',
              check: { type: 'achievement', anyOf: [{ kind: 'life-in-germany-test', minPoints: 15 }] },
            },
            {
              key: 'livelihood',
              label: {
                de: 'Lebensunterhalt überwiegend durch Erwerbstätigkeit gesichert',
                en: 'Livelihood secured predominantly by employment',
              },
              source: '§ 25b Abs. 1 Satz 2 Nr. 3 AufenthG',
              check: { type: 'livelihood' },
            },
            {
              key: 'language',
              label: { de: 'Mündliche Deutschkenntnisse auf Niveau A2', en: 'Oral German at level A2' },
              source: '§ 25b Abs. 1 Satz 2 Nr. 4 AufenthG',
              check: { type: 'language-level', minLevel: 'A2' },
            },
            {
              key: 'children-school',
              label: {
                de: 'Tatsächlicher Schulbesuch der Kinder im schulpflichtigen Alter',
                en: 'Children of school age actually attend school',
              },
              source: '§ 25b Abs. 1 Satz 2 Nr. 5 AufenthG',
              check: { type: 'school', attendee: 'child' },
              note: {
                de: 'Nur wenn Kinder im schulpflichtigen Alter da sind.',
                en: 'Only where there are children of school age.',
              },
            },
          ],
        },
      ],
    },
    {
      key: 'aufenthg-60d',
      law: '§ 60d AufenthG',
      title: { de: 'Beschäftigungsduldung', en: 'Toleration for the purpose of employment' },
      versions: [
        {
          validFrom: '2020-01-01',
          amendedBy: 'Gesetz über Duldung bei Ausbildung und Beschäftigung vom 08.07.2019 (BGBl. I S. 1021)',
          facts: [
            {
              key: 'identity',
              label: { de: 'Identität geklärt', en: 'Identity established' },
              source: '§ 60d Abs. 1 Nr. 1 AufenthG',
              check: { type: 'authority' },
            },
            {
              key: 'arrival',
              label: { de: 'Eingereist bis zum 01.08.2018', en: 'Arrived by 1 August 2018' },
              source: '§ 60d Abs. 1 Nr. 1 AufenthG',
              check: { type: 'arrived-by', date: '2018-08-01' },
            },
            {
              key: 'employment',
              label: {
                de: 'Seit 18 Monaten sozialversicherungspflichtig beschäftigt, mindestens 35 Stunden pro Woche',
                en: 'Employed subject to social insurance for 18 months, at least 35 hours a week',
              },
              source: '§ 60d Abs. 1 Nr. 3 AufenthG',
              check: { type: 'employment', minHoursPerWeek: 35, minMonths: 18 },
            },
            {
              key: 'livelihood',
              label: {
                de: 'Lebensunterhalt seit 12 Monaten durch die Beschäftigung gesichert',
                en: 'Livelihood secured by the employment for 12 months',
              },
              source: '§ 60d Abs. 1 Nr. 4 AufenthG',
              check: { type: 'livelihood', minMonths: 12 },
            },
            {
              key: 'language',
              label: { de: 'Hinreichende mündliche Deutschkenntnisse (A2)', en: 'Sufficient oral German (A2)' },
              source: '§ 60d Abs. 1 Nr. 5 AufenthG',
              check: { type: 'language-level', minLevel: 'A2' },
            },
            {
              key: 'no-convictions',
              label: {
                de: 'Keine Verurteilung wegen einer vorsätzlichen Straftat',
                en: 'No conviction for an intentional offence',
              },
              source: '§ 60d Abs. 1 Nr. 6 AufenthG',
              check: { type: 'authority' },
            },
            {
              key: 'children-school',
              label: {
                de: 'Tatsächlicher Schulbesuch der Kinder im schulpflichtigen Alter',
                en: 'Children of school age actually attend school',
              },
              source: '§ 60d Abs. 1 Nr. 9 AufenthG',
              check: { type: 'school', attendee: 'child' },
              note: {
                de: 'Nur wenn Kinder im schulpflichtigen Alter da sind.',
                en: 'Only where there are children of school age.',
              },
            },
            {
              key: 'integration-course',
              label: { de: 'Integrationskurs abgeschlossen', en: 'Integration course completed' },
              source: '§ 60d Abs. 1 Nr. 10 AufenthG',
              check: { type: 'achievement', anyOf: [{ kind: 'integration-course' }] },
              note: {
                de: 'Nur wenn eine Pflicht zur Teilnahme bestand.',
                en: 'Only where attendance was obligatory.',
              },
            },
          ],
        },
        {
          validFrom: '2024-02-27',
          amendedBy: 'Gesetz zur Verbesserung der Rückführung vom 21.02.2024 (BGBl. 2024 I Nr. 54)',
          facts: [
            {
              key: 'identity',
              label: { de: 'Identität geklärt', en: 'Identity established' },
              source: '§ 60d Abs. 1 Nr. 1 AufenthG',
              check: { type: 'authority' },
            },
            {
              key: 'arrival',
              label: { de: 'Eingereist bis zum 31.12.2022', en: 'Arrived by 31 December 2022' },
              source: '§ 60d Abs. 1 Nr. 1 AufenthG',
              check: { type: 'arrived-by', date: '2022-12-31' },
            },
            {
              key: 'employment',
              label: {
                de: 'Seit 12 Monaten sozialversicherungspflichtig beschäftigt, mindestens 20 Stunden pro Woche',
                en: 'Employed subject to social insurance for 12 months, at least 20 hours a week',
              },
              source: '§ 60d Abs. 1 Nr. 3 AufenthG',
              check: { type: 'employment', minHoursPerWeek: 20, minMonths: 12 },
            },
            {
              key: 'livelihood',
              label: {
                de: 'Lebensunterhalt seit 12 Monaten durch die Beschäftigung gesichert',
                en: 'Livelihood secured by the employment for 12 months',
              },
              source: '§ 60d Abs. 1 Nr. 4 AufenthG',
              check: { type: 'livelihood', minMonths: 12 },
            },
            {
              key: 'language',
              label: { de: 'Hinreichende mündliche Deutschkenntnisse (A2)', en: 'Sufficient oral German (A2)' },
              source: '§ 60d Abs. 1 Nr. 5 AufenthG',
              check: { type: 'language-level', minLevel: 'A2' },
            },
            {
              key: 'no-convictions',
              label: {
                de: 'Keine Verurteilung wegen einer vorsätzlichen Straftat',
                en: 'No conviction for an intentional offence',
              },
              source: '§ 60d Abs. 1 Nr. 6 AufenthG',
              check: { type: 'authority' },
            },
            {
              key: 'children-school',
              label: {
                de: 'Tatsächlicher Schulbesuch der Kinder im schulpflichtigen Alter',
                en: 'Children of school age actually attend school',
              },
              source: '§ 60d Abs. 1 Nr. 9 AufenthG',
              check: { type: 'school', attendee: 'child' },
              note: {
                de: 'Nur wenn Kinder im schulpflichtigen Alter da sind.',
                en: 'Only where there are children of school age.',
              },
            },
            {
              key: 'integration-course',
              label: { de: 'Integrationskurs abgeschlossen', en: 'Integration course completed' },
              source: '§ 60d Abs. 1 Nr. 10 AufenthG',
              check: { type: 'achievement', anyOf: [{ kind: 'integration-course' }] },
              note: {
                de: 'Nur wenn eine Pflicht zur Teilnahme bestand.',
                en: 'Only where attendance was obligatory.',
              },
            },
          ],
        },
      ],
    },
    {
      key: 'stag-10',
      law: '§ 10 StAG',
      title: { de: 'Anspruchseinbürgerung', en: 'Naturalisation by entitlement' },
      versions: [
        {
          validFrom: '2024-06-27',
          amendedBy: 'Gesetz zur Modernisierung des Staatsangehörigkeitsrechts vom 22.03.2024 (BGBl. 2024 I Nr. 104)',
          facts: [
            {
              key: 'residence',
              label: {
                de: 'Fünf Jahre rechtmäßiger gewöhnlicher Aufenthalt im Inland',
                en: 'Five years of lawful habitual residence in Germany',
              },
              source: '§ 10 Abs. 1 Satz 1 StAG',
              check: { type: 'residence-years', minYears: 5 },
              note: {
                de: 'Gerechnet ab dem erfassten Einreisedatum; ob der Aufenthalt rechtmäßig war, prüft die Behörde.',
                en: 'Counted from the recorded arrival date; whether the stay was lawful is for the authority.',
              },
            },
            {
              key: 'identity',
              label: { de: 'Identität und Staatsangehörigkeit geklärt', en: 'Identity and nationality established' },
              source: '§ 10 Abs. 1 Satz 1 StAG',
              check: { type: 'authority' },
            },
            {
              key: 'commitment',
              label: {
                de: 'Bekenntnis zur freiheitlichen demokratischen Grundordnung',
                en: 'Commitment to the free democratic basic order',
              },
              source: '§ 10 Abs. 1 Satz 1 Nr. 1 StAG',
              check: { type: 'authority' },
            },
            {
              key: 'livelihood',
              label: {
                de: 'Lebensunterhalt ohne Leistungen nach SGB II oder XII gesichert',
                en: 'Livelihood secured without benefits under SGB II or XII',
              },
              source: '§ 10 Abs. 1 Satz 1 Nr. 3 StAG',
              check: { type: 'livelihood' },
            },
            {
              key: 'no-convictions',
              label: { de: 'Keine Verurteilung wegen einer Straftat', en: 'No conviction for a criminal offence' },
              source: '§ 10 Abs. 1 Satz 1 Nr. 5 StAG',
              check: { type: 'authority' },
            },
            {
              key: 'language',
              label: { de: 'Ausreichende Deutschkenntnisse (B1)', en: 'Sufficient German (B1)' },
              source: '§ 10 Abs. 1 Satz 1 Nr. 6, Abs. 4 StAG',
              check: { type: 'language-level', minLevel: 'B1' },
            },
            {
              key: 'knowledge',
              label: {
                de: 'Kenntnisse der Rechts- und Gesellschaftsordnung (Einbürgerungstest oder „Leben in Deutschland“ mit mindestens 17 Punkten)',
                en: 'Knowledge of the legal and social order (naturalisation test, or "Leben in Deutschland" with at least 17 points)',
              },
              source: '§ 10 Abs. 1 Satz 1 Nr. 7, Abs. 5 StAG',
              check: { type: 'achievement', anyOf: [{ kind: 'life-in-germany-test', minPoints: 17 }] },
            },
          ],
        },
      ],
    },
  ],
};
