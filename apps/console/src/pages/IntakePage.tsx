import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { gql } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/PageTitle';
import { COUNTRIES, LANGUAGES, countryName, languageName } from '../names';
import { useToken } from '../session';
import { graphql } from '../gql';
import type { BirthDatePrecision, OpenCaseInput } from '../gql/graphql';

export const LIFE_DOMAINS = [
  'LANGUAGE',
  'WORK',
  'EDUCATION',
  'HOUSING',
  'HEALTH',
  'RESIDENCE',
  'FAMILY',
  'MONEY',
] as const;
const PRECISIONS = ['EXACT', 'YEAR_ONLY', 'PLACEHOLDER', 'UNKNOWN'] as const;

const REGIONS = graphql(`
  query IntakeRegions {
    intakeRegions {
      id
      name
    }
  }
`);
const OPEN = graphql(`
  mutation Intake($input: OpenCaseInput!) {
    openCase(input: $input) {
      id
      reference
    }
  }
`);

/** The birth date the hub stores for a precision: a year-only or placeholder date is 01.01. of the year. */
export function birthDateFor(precision: string, exact: string, year: string): string | undefined {
  if (precision === 'EXACT') return exact || undefined;
  if (precision === 'YEAR_ONLY' || precision === 'PLACEHOLDER')
    return /^\d{4}$/.test(year) ? `${year}-01-01` : undefined;
  return undefined;
}

/** Intake: the person as far as known (placeholder and year-only dates are said so), and the needs by life domain. */
export function IntakePage() {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const navigate = useNavigate();
  const regions = useQuery({
    queryKey: ['intake-regions'],
    queryFn: async () => (await gql(token, REGIONS)).data.intakeRegions,
  });
  const [f, setF] = useState({
    givenNames: '',
    familyName: '',
    precision: 'EXACT' as BirthDatePrecision,
    exact: '',
    year: '',
    sex: 'unknown',
    nationality: '',
    languages: [] as string[],
    municipality: '',
    regionId: '',
  });
  const [needs, setNeeds] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const open = useMutation({
    mutationFn: (input: OpenCaseInput) => gql(token, OPEN, { input }),
    onSuccess: (r) => void navigate(`/cases/${r.data.openCase.id}`),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const regionId = f.regionId || regions.data?.[0]?.id;
    if (!regionId || !f.givenNames.trim() || !f.familyName.trim() || !f.municipality.trim()) {
      setProblem(t('work.intakeRequired'));
      return;
    }
    const birthDate = birthDateFor(f.precision, f.exact, f.year);
    if (f.precision !== 'UNKNOWN' && !birthDate) {
      setProblem(t('work.birthRequired'));
      return;
    }
    setProblem(null);
    open.mutate({
      regionId,
      person: {
        name: { givenNames: f.givenNames.trim(), familyName: f.familyName.trim() },
        birthDatePrecision: f.precision,
        ...(birthDate ? { birthDate } : {}),
        sex: f.sex,
        ...(f.nationality ? { nationality: f.nationality } : {}),
        languages: f.languages,
        municipality: f.municipality.trim(),
      },
      needs: LIFE_DOMAINS.filter((d) => needs[d]?.trim()).map((d) => ({ domain: d, description: needs[d]!.trim() })),
    });
  }

  return (
    <>
      <PageTitle>{t('work.intakeTitle')}</PageTitle>
      <form onSubmit={submit} className="stack" noValidate>
        <fieldset>
          <legend>{t('case.person')}</legend>
          <div className="field">
            <label htmlFor="in-given">{t('case.givenNames')}</label>
            <input
              id="in-given"
              maxLength={200}
              required
              value={f.givenNames}
              onChange={(e) => setF({ ...f, givenNames: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="in-family">{t('case.familyName')}</label>
            <input
              id="in-family"
              maxLength={200}
              required
              value={f.familyName}
              onChange={(e) => setF({ ...f, familyName: e.target.value })}
            />
          </div>
          <fieldset>
            <legend>{t('work.birthPrecision')}</legend>
            {PRECISIONS.map((p) => (
              <label key={p} className="choice">
                <input
                  type="radio"
                  name="precision"
                  value={p}
                  checked={f.precision === p}
                  onChange={() => setF({ ...f, precision: p })}
                />{' '}
                {t(`precision.${p}`)}
              </label>
            ))}
          </fieldset>
          {f.precision === 'EXACT' && (
            <div className="field">
              <label htmlFor="in-birth">{t('case.birthDate')}</label>
              <input
                id="in-birth"
                type="date"
                value={f.exact}
                onChange={(e) => setF({ ...f, exact: e.target.value })}
              />
            </div>
          )}
          {(f.precision === 'YEAR_ONLY' || f.precision === 'PLACEHOLDER') && (
            <div className="field">
              <label htmlFor="in-year">{t('work.birthYear')}</label>
              <input
                id="in-year"
                inputMode="numeric"
                pattern="[0-9]{4}"
                maxLength={4}
                value={f.year}
                aria-describedby="in-year-hint"
                onChange={(e) => setF({ ...f, year: e.target.value })}
              />
              <p id="in-year-hint" className="hint">
                {t(f.precision === 'PLACEHOLDER' ? 'work.placeholderHint' : 'work.yearOnlyHint')}
              </p>
            </div>
          )}
          <div className="field">
            <label htmlFor="in-sex">{t('work.sex')}</label>
            <select id="in-sex" value={f.sex} onChange={(e) => setF({ ...f, sex: e.target.value })}>
              {['female', 'male', 'diverse', 'unknown'].map((s) => (
                <option key={s} value={s}>
                  {t(`sex.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="in-nat">{t('case.nationality')}</label>
            <select id="in-nat" value={f.nationality} onChange={(e) => setF({ ...f, nationality: e.target.value })}>
              <option value="">{t('work.notKnown')}</option>
              {COUNTRIES.map((c) => (
                <option key={c} value={c}>
                  {countryName(c, i18n.language)}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend>{t('case.languages')}</legend>
            {LANGUAGES.map((l) => (
              <label key={l} className="choice">
                <input
                  type="checkbox"
                  checked={f.languages.includes(l)}
                  onChange={(e) =>
                    setF({
                      ...f,
                      languages: e.target.checked ? [...f.languages, l] : f.languages.filter((x) => x !== l),
                    })
                  }
                />{' '}
                {languageName(l, i18n.language)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="in-municipality">{t('case.municipality')}</label>
            <input
              id="in-municipality"
              maxLength={100}
              required
              value={f.municipality}
              onChange={(e) => setF({ ...f, municipality: e.target.value })}
            />
          </div>
          {(regions.data?.length ?? 0) > 1 && (
            <div className="field">
              <label htmlFor="in-region">{t('case.region')}</label>
              <select id="in-region" value={f.regionId} onChange={(e) => setF({ ...f, regionId: e.target.value })}>
                {regions.data!.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </div>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('work.needsByDomain')}</legend>
          {LIFE_DOMAINS.map((d) => (
            <div className="field" key={d}>
              <label htmlFor={`need-${d}`}>{t(`domain.${d}`)}</label>
              <textarea
                id={`need-${d}`}
                rows={2}
                maxLength={500}
                value={needs[d] ?? ''}
                onChange={(e) => setNeeds({ ...needs, [d]: e.target.value })}
              />
            </div>
          ))}
        </fieldset>
        {problem && (
          <p role="alert" className="notice notice-error">
            {problem}
          </p>
        )}
        {open.isError && <ErrorNotice error={open.error} />}
        {regions.isError && <ErrorNotice error={regions.error} />}
        <button type="submit" disabled={open.isPending || !regions.data?.length}>
          {open.isPending ? t('common.loading') : t('work.openCase')}
        </button>
      </form>
    </>
  );
}
