import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  AgencyChannel,
  AgencyKind,
  LegalDomain,
  agencyAdminInputSchema,
  agencyUpdateSchema,
} from '@kim/contracts/admin';
import { gql } from '../../api';
import type { AgencyInput } from '../../gql/graphql';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageTitle } from '../../components/PageTitle';
import { useToken } from '../../session';
import {
  Field,
  REFUSALS,
  busyProps,
  FormProblem,
  SecretDialog,
  check,
  keyOf,
  optionalText,
  serverProblems,
  useWords,
  valueOf,
  useFormProblems,
} from './form';
import { CREATE_AGENCY, UPDATE_AGENCY, useAgencies, type Agency } from './queries';
import { ServicesSection } from './ServicesSection';

const KINDS = Object.keys(AgencyKind);
const LEGAL_DOMAINS = Object.keys(LegalDomain);
const CHANNELS = Object.keys(AgencyChannel);

/** The partner agencies: how the hub reaches them and how case managers reach them; add one. */
export function AgenciesPage() {
  const { t } = useTranslation();
  const words = useWords();
  const agencies = useAgencies();
  const [created, setCreated] = useState<{ name: string; secret: string; statusUrl: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <>
      <PageTitle>{t('admin.agencies.title')}</PageTitle>
      <p>{t('admin.agencies.intro')}</p>
      <p role="status" className="hint">
        {done}
      </p>
      {agencies.isError && <ErrorNotice error={agencies.error} onRetry={() => void agencies.refetch()} />}
      {agencies.isPending && <p role="status">{t('common.loading')}</p>}
      {agencies.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.field.name')}</th>
                <th scope="col">{t('admin.field.kind')}</th>
                <th scope="col">{t('admin.field.legalDomain')}</th>
                <th scope="col">{t('admin.field.channel')}</th>
                <th scope="col">{t('admin.agencies.contact')}</th>
                <th scope="col">{t('admin.agencies.services')}</th>
              </tr>
            </thead>
            <tbody>
              {agencies.data.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/admin/agencies/${a.id}`}>{a.name}</Link>
                  </th>
                  <td>{words.agencyKind(a.kind)}</td>
                  <td>{words.legalDomain(a.legalDomain)}</td>
                  <td>{words.channel(a.channel)}</td>
                  <td>{[a.contactPhone, a.contactEmail].filter(Boolean).join(' · ') || '–'}</td>
                  <td className="num">{a.services.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AgencyForm
        onCreated={(name, secret, statusUrl) => {
          setCreated({ name, secret, statusUrl });
          setDone(t('admin.agencies.created', { name }));
        }}
      />
      <SecretDialog
        secret={created?.secret ?? null}
        title={t('admin.agencies.secretTitle', { name: created?.name ?? '' })}
        extra={
          <p>
            {t('admin.agencies.statusUrl')}: <code>{created?.statusUrl}</code>
          </p>
        }
        onClose={() => setCreated(null)}
      />
    </>
  );
}

/** One agency: its details and contact data, and its services. */
export function AgencyPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const agencies = useAgencies();
  const [done, setDone] = useState<string | null>(null);
  const agency = agencies.data?.find((a) => a.id === id);
  return (
    <>
      <PageTitle>{agency?.name ?? t('admin.agencies.title')}</PageTitle>
      <p>
        <Link to="/admin/agencies">{t('admin.agencies.back')}</Link>
      </p>
      <p role="status" className="hint">
        {done}
      </p>
      {agencies.isError && <ErrorNotice error={agencies.error} onRetry={() => void agencies.refetch()} />}
      {agencies.isPending && <p role="status">{t('common.loading')}</p>}
      {agencies.data && !agency && <p className="notice notice-error">{t('error.NOT_FOUND')}</p>}
      {agency && (
        <>
          <p>
            {t('admin.agencies.statusUrl')}: <code>{agency.statusUrl}</code>
          </p>
          <AgencyForm key={agency.id} agency={agency} onSaved={(name) => setDone(t('admin.saved', { name }))} />
          <ServicesSection agency={agency} />
        </>
      )}
    </>
  );
}

function AgencyForm({
  agency,
  onCreated,
  onSaved,
}: {
  agency?: Agency;
  onCreated?: (name: string, secret: string, statusUrl: string) => void;
  onSaved?: (name: string) => void;
}) {
  const { t } = useTranslation();
  const words = useWords();
  const token = useToken();
  const queryClient = useQueryClient();
  const { form, problems, fail, clear } = useFormProblems();
  const blank = {
    name: '',
    kind: 'WELFARE_ORGANISATION',
    legalDomain: 'NONE',
    channel: 'WEBHOOK',
    webhookUrl: '',
    contactPhone: '',
    contactEmail: '',
    contactAddress: '',
    contactHours: '',
  };
  const [f, setF] = useState(
    agency
      ? {
          name: agency.name,
          kind: agency.kind,
          legalDomain: agency.legalDomain,
          channel: agency.channel,
          webhookUrl: agency.webhookUrl ?? '',
          contactPhone: agency.contactPhone ?? '',
          contactEmail: agency.contactEmail ?? '',
          contactAddress: agency.contactAddress ?? '',
          contactHours: agency.contactHours ?? '',
        }
      : blank,
  );
  const save = useMutation({
    // One form for both: an id means the agency exists and is updated.
    mutationFn: async (v: { id?: string; input: AgencyInput }) =>
      v.id
        ? (await gql(token, UPDATE_AGENCY, { id: v.id, input: v.input }), null)
        : (await gql(token, CREATE_AGENCY, { input: v.input })).data.createAgency,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'agencies'] }),
  });
  const prefix = agency ? 'agency-edit' : 'agency-new';

  function submit(e: FormEvent) {
    e.preventDefault();
    // On a change an emptied field clears what is stored (null); on a new agency it is left out.
    const blankAs = agency ? null : undefined;
    const values = {
      name: f.name,
      kind: valueOf(f.kind, AgencyKind),
      legalDomain: valueOf(f.legalDomain, LegalDomain),
      channel: valueOf(f.channel, AgencyChannel),
      webhookUrl: optionalText(f.webhookUrl) ?? blankAs,
      contactPhone: optionalText(f.contactPhone) ?? blankAs,
      contactEmail: optionalText(f.contactEmail) ?? blankAs,
      contactAddress: optionalText(f.contactAddress) ?? blankAs,
      contactHours: optionalText(f.contactHours) ?? blankAs,
    };
    // The rule of a new agency holds for a changed one too: a webhook agency needs its URL.
    const c = check(agencyAdminInputSchema, values, t);
    if (!c.ok) return fail(c.problems);
    if (agency) {
      const u = check(agencyUpdateSchema, values, t);
      if (!u.ok) return fail(u.problems);
    }
    const input = {
      ...values,
      kind: keyOf(values.kind, AgencyKind),
      legalDomain: keyOf(values.legalDomain, LegalDomain),
      channel: keyOf(values.channel, AgencyChannel),
    };
    clear();
    save.mutate(agency ? { id: agency.id, input } : { input }, {
      onSuccess: (r) => {
        const name = f.name.trim();
        if (agency) onSaved?.(name);
        else {
          if (r) onCreated?.(name, r.webhookSecret, r.statusUrl);
          setF(blank);
        }
      },
      onError: (err) => fail(serverProblems(err, t, REFUSALS.agency)),
    });
  }

  const select = (key: 'kind' | 'legalDomain' | 'channel', options: string[], word: (k: string) => string) => (
    <Field id={`${prefix}-${key}`} label={t(`admin.field.${key}`)} error={problems[key]}>
      {(a) => (
        <select {...a} value={f[key]} onChange={(e) => setF({ ...f, [key]: e.target.value })}>
          {options.map((o) => (
            <option key={o} value={o}>
              {word(o)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const textField = (
    key: 'name' | 'webhookUrl' | 'contactPhone' | 'contactEmail' | 'contactHours',
    max: number,
    type = 'text',
    hint?: string,
  ) => (
    <Field id={`${prefix}-${key}`} label={t(`admin.field.${key}`)} hint={hint} error={problems[key]}>
      {(a) => (
        <input
          {...a}
          type={type}
          autoComplete="off"
          maxLength={max}
          value={f[key]}
          onChange={(e) => setF({ ...f, [key]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack admin-form" aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{agency ? t('admin.agencies.editTitle') : t('admin.agencies.newTitle')}</h2>
      <fieldset>
        <legend>{t('admin.agencies.details')}</legend>
        {textField('name', 200)}
        {select('kind', KINDS, words.agencyKind)}
        {select('legalDomain', LEGAL_DOMAINS, words.legalDomain)}
        {select('channel', CHANNELS, words.channel)}
        {textField('webhookUrl', 2000, 'url', t('admin.hint.webhookUrl'))}
      </fieldset>
      <fieldset>
        <legend>{t('admin.agencies.contact')}</legend>
        <p className="hint">{t('admin.hint.agencyContact')}</p>
        {textField('contactPhone', 40, 'tel')}
        {textField('contactEmail', 254, 'email')}
        <Field id={`${prefix}-contactAddress`} label={t('admin.field.contactAddress')} error={problems.contactAddress}>
          {(a) => (
            <textarea
              {...a}
              rows={2}
              maxLength={300}
              value={f.contactAddress}
              onChange={(e) => setF({ ...f, contactAddress: e.target.value })}
            />
          )}
        </Field>
        {textField('contactHours', 200, 'text', t('admin.hint.contactHours'))}
      </fieldset>
      <FormProblem problems={problems} />
      <button type="submit" {...busyProps(save.isPending)}>
        {save.isPending ? t('common.loading') : agency ? t('admin.save') : t('admin.agencies.create')}
      </button>
    </form>
  );
}
