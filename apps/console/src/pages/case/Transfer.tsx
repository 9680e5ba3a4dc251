import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { gql } from '../../api';
import { graphql } from '../../gql';
import type { DataCategory } from '../../gql/graphql';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDate } from '../../format';
import { useToken } from '../../session';

/**
 * Moving the case to another Kreis (issue 19 item 5): the Kreise that take transfers, whether a
 * consent of the person covers each (and which) or why not, the offers made, and the consent to
 * record when the person agrees. The hub decides again when offering.
 */
const CATEGORIES: DataCategory[] = [
  'IDENTITY',
  'CONTACT',
  'RESIDENCE_STATUS',
  'EDUCATION_WORK',
  'BENEFITS',
  'FAMILY',
  'HEALTH',
];

const TRANSFERS = graphql(`
  query CaseTransfer($id: ID!) {
    transferOptions(caseId: $id) {
      tenantId
      kreis
      covered
      consentId
      categories
      refusal
      closestConsentId
    }
    caseTransfers(caseId: $id) {
      id
      toKreis
      categories
      status
      offeredAt
      decidedAt
      declineReason
      closedAt
    }
  }
`);
const OFFER = graphql(`
  mutation OfferTransfer($input: OfferTransferInput!) {
    offerTransfer(input: $input) {
      id
    }
  }
`);
const WITHDRAW = graphql(`
  mutation WithdrawTransfer($id: ID!) {
    withdrawTransfer(transferId: $id) {
      id
    }
  }
`);
const RECORD_CONSENT = graphql(`
  mutation RecordTransferConsent($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      id
    }
  }
`);

interface Option {
  tenantId: string;
  kreis: string;
  covered: boolean;
  consentId: string | null;
  categories: string[];
  refusal: string | null;
  closestConsentId: string | null;
}
/** One change the case manager makes here: the operation, and what to say once it is done. */
interface Step {
  run: (token: string) => Promise<unknown>;
  done: string;
}

const today = () => new Date().toISOString().slice(0, 10);
const inOneYear = () => {
  const d = new Date();
  d.setFullYear(d.getFullYear() + 1);
  return d.toISOString().slice(0, 10);
};

export function CaseTransfer({ caseId, closed }: { caseId: string; closed: boolean }) {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const client = useQueryClient();
  const answer = useQuery({
    queryKey: ['case-transfer', caseId],
    queryFn: async () => (await gql(token, TRANSFERS, { id: caseId })).data,
  });
  const [toTenantId, setToTenantId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: async (v: Step) => {
      await v.run(token);
      return v.done;
    },
    onMutate: () => setDone(null),
    onSuccess: async (text) => {
      setDone(text);
      await client.invalidateQueries({ queryKey: ['case-transfer', caseId] });
      await client.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });

  const options = answer.data?.transferOptions ?? [];
  const offers = answer.data?.caseTransfers ?? [];
  const open = offers.find((o) => o.status === 'OFFERED');
  const chosen = options.find((o) => o.tenantId === toTenantId) ?? null;
  const categoryList = (list: string[]) => list.map((c) => t(`category.${c}`)).join(', ');

  function offer(e: FormEvent) {
    e.preventDefault();
    if (!chosen?.covered) return;
    const toTenantId = chosen.tenantId;
    act.mutate({
      run: (token) => gql(token, OFFER, { input: { caseId, toTenantId } }),
      done: t('transfer.offered', { kreis: chosen.kreis }),
    });
  }

  return (
    <section aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t('transfer.title')}</h2>
      <p>{t('transfer.intro')}</p>
      {answer.isPending && <p role="status">{t('common.loading')}</p>}
      {answer.isError && <ErrorNotice error={answer.error} onRetry={() => void answer.refetch()} />}
      {act.isError && <ErrorNotice error={act.error} />}
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}

      {offers.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby="transfer-offers-title" tabIndex={0}>
          <table>
            <caption id="transfer-offers-title">{t('transfer.offers')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('transfer.kreis')}</th>
                <th scope="col">{t('transfer.categories')}</th>
                <th scope="col">{t('transfer.offeredAt')}</th>
                <th scope="col">{t('transfer.state')}</th>
                <th scope="col">{t('transfer.action')}</th>
              </tr>
            </thead>
            <tbody>
              {offers.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{o.toKreis}</th>
                  <td>{categoryList(o.categories)}</td>
                  <td>{formatDate(o.offeredAt, i18n.language)}</td>
                  <td>
                    {t(`transfer.status.${o.status}`)}
                    {o.declineReason && <> – {t('transfer.declineReasonShown', { reason: o.declineReason })}</>}
                    {o.closedAt && <> – {t('transfer.closedMoved')}</>}
                  </td>
                  <td>
                    {o.status === 'OFFERED' ? (
                      <button
                        type="button"
                        disabled={act.isPending}
                        onClick={() =>
                          act.mutate({
                            run: (token) => gql(token, WITHDRAW, { id: o.id }),
                            done: t('transfer.withdrawn', { kreis: o.toKreis }),
                          })
                        }
                      >
                        {t('transfer.withdraw', { kreis: o.toKreis })}
                      </button>
                    ) : (
                      t('common.none')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {closed ? (
        <p>{t('transfer.caseClosed')}</p>
      ) : open ? (
        <p>{t('transfer.alreadyOffered', { kreis: open.toKreis })}</p>
      ) : options.length === 0 && answer.isSuccess ? (
        <p>{t('transfer.noKreise')}</p>
      ) : (
        answer.isSuccess && (
          <form onSubmit={offer} aria-labelledby="transfer-offer-title">
            <h3 id="transfer-offer-title">{t('transfer.offerTitle')}</h3>
            <label>
              {t('transfer.chooseKreis')}
              <select value={toTenantId} onChange={(e) => setToTenantId(e.target.value)} required>
                <option value="">{t('transfer.choose')}</option>
                {options.map((o) => (
                  <option key={o.tenantId} value={o.tenantId}>
                    {o.kreis} – {o.covered ? t('transfer.optionCovered') : t('transfer.optionNotCovered')}
                  </option>
                ))}
              </select>
            </label>
            {chosen && (
              <p role="status" className={chosen.covered ? 'notice' : 'withheld'}>
                {chosen.covered
                  ? t('transfer.coveredBy', { categories: categoryList(chosen.categories) })
                  : t(`transfer.refusal.${chosen.refusal ?? 'NO_CONSENT'}`)}
              </p>
            )}
            <button type="submit" disabled={!chosen?.covered || act.isPending}>
              {t('transfer.offer')}
            </button>
          </form>
        )
      )}

      {!closed && options.length > 0 && <TransferConsentForm caseId={caseId} options={options} onDone={act.mutate} />}
    </section>
  );
}

/** The person's consent naming the receiving Kreis, the purpose "transfer" and what may go. */
function TransferConsentForm({
  caseId,
  options,
  onDone,
}: {
  caseId: string;
  options: Option[];
  onDone: (v: Step) => void;
}) {
  const { t } = useTranslation();
  const [tenantId, setTenantId] = useState('');
  const [categories, setCategories] = useState<DataCategory[]>(['IDENTITY']);
  const [validFrom, setValidFrom] = useState(today);
  const [validUntil, setValidUntil] = useState(inOneYear);
  const [signedOn, setSignedOn] = useState(today);
  const [language, setLanguage] = useState('de');
  const [interpreter, setInterpreter] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    const kreis = options.find((o) => o.tenantId === tenantId)?.kreis ?? '';
    onDone({
      run: (token) =>
        gql(token, RECORD_CONSENT, {
          input: {
            caseId,
            recipientTenantId: tenantId,
            purposes: ['TRANSFER'],
            categories,
            validFrom,
            validUntil,
            evidence: {
              formVersion: 'KIM-UMZUG-1',
              signedOn,
              explainedInLanguage: language,
              interpreterUsed: interpreter,
            },
          },
        }),
      done: t('transfer.consentRecorded', { kreis }),
    });
  }

  return (
    <details>
      <summary>{t('transfer.consentTitle')}</summary>
      <form onSubmit={submit}>
        <p>{t('transfer.consentIntro')}</p>
        <label>
          {t('transfer.chooseKreis')}
          <select value={tenantId} onChange={(e) => setTenantId(e.target.value)} required>
            <option value="">{t('transfer.choose')}</option>
            {options.map((o) => (
              <option key={o.tenantId} value={o.tenantId}>
                {o.kreis}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t('transfer.categories')}</legend>
          {CATEGORIES.map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                checked={categories.includes(c)}
                // Identity always goes: the receiving Kreis must know whose case it takes.
                disabled={c === 'IDENTITY'}
                onChange={(e) => setCategories((now) => (e.target.checked ? [...now, c] : now.filter((x) => x !== c)))}
              />
              {t(`category.${c}`)}
            </label>
          ))}
          <p className="hint">{t('transfer.identityAlways')}</p>
        </fieldset>
        <label>
          {t('transfer.validFrom')}
          <input type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} required />
        </label>
        <label>
          {t('transfer.validUntil')}
          <input type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} required />
        </label>
        <label>
          {t('transfer.signedOn')}
          <input type="date" value={signedOn} onChange={(e) => setSignedOn(e.target.value)} required />
        </label>
        <label>
          {t('transfer.explainedIn')}
          <input value={language} onChange={(e) => setLanguage(e.target.value)} required maxLength={3} />
        </label>
        <label className="check">
          <input type="checkbox" checked={interpreter} onChange={(e) => setInterpreter(e.target.checked)} />
          {t('transfer.interpreter')}
        </label>
        <button type="submit">{t('transfer.recordConsent')}</button>
      </form>
    </details>
  );
}
