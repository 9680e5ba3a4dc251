import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LifeDomain, serviceInputSchema, serviceUpdateSchema } from '@kim/contracts/admin';
import { gql } from '../../api';
import type { ServiceInput, ServiceUpdate } from '../../gql/graphql';
import { useToken } from '../../session';
import {
  Dialog,
  Field,
  REFUSALS,
  busyProps,
  FormProblem,
  check,
  keyOf,
  numberOrUndefined,
  optionalText,
  serverProblems,
  useWords,
  valueOf,
  useFormProblems,
} from './form';
import { CREATE_SERVICE, UPDATE_SERVICE, type Agency, type Service } from './queries';

const DOMAINS = Object.keys(LifeDomain);

/** The services an agency takes referrals for: without one it never receives a referral. */
export function ServicesSection({ agency }: { agency: Agency }) {
  const { t } = useTranslation();
  const words = useWords();
  const [editing, setEditing] = useState<Service | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <section aria-labelledby="services-title">
      <h2 id="services-title">{t('admin.services.title')}</h2>
      <p role="status" className="hint">
        {done}
      </p>
      {agency.services.length === 0 ? (
        <p className="notice">{t('admin.services.none')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.field.code')}</th>
                <th scope="col">{t('admin.field.name')}</th>
                <th scope="col">{t('admin.field.lifeDomain')}</th>
                <th scope="col">{t('admin.field.responseDays')}</th>
                <th scope="col">{t('admin.field.integrationCourse')}</th>
                <th scope="col">{t('admin.field.fundingLine')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {agency.services.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.code}</th>
                  <td>{s.name}</td>
                  <td>{words.domain(s.lifeDomain)}</td>
                  <td className="num">{s.responseDays}</td>
                  <td>{s.integrationCourse ? t('admin.yes') : t('admin.no')}</td>
                  <td>{s.fundingLine ?? '–'}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('admin.editNamed', { name: s.name })}
                      onClick={() => setEditing(s)}
                    >
                      {t('admin.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ServiceForm agencyId={agency.id} onDone={(name) => setDone(t('admin.services.created', { name }))} />
      <Dialog open={editing !== null} title={t('admin.services.editTitle')} onClose={() => setEditing(null)}>
        {editing && (
          <ServiceForm
            agencyId={agency.id}
            service={editing}
            onDone={(name) => {
              setEditing(null);
              setDone(t('admin.saved', { name }));
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Dialog>
    </section>
  );
}

function ServiceForm({
  agencyId,
  service,
  onDone,
  onCancel,
}: {
  agencyId: string;
  service?: Service;
  onDone: (name: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const words = useWords();
  const token = useToken();
  const queryClient = useQueryClient();
  const { form, problems, fail, clear } = useFormProblems();
  const blank = {
    code: '',
    name: '',
    lifeDomain: 'LANGUAGE',
    responseDays: '5',
    integrationCourse: false,
    fundingLine: '',
  };
  const [f, setF] = useState(
    service
      ? {
          code: service.code,
          name: service.name,
          lifeDomain: service.lifeDomain,
          responseDays: String(service.responseDays),
          integrationCourse: service.integrationCourse,
          fundingLine: service.fundingLine ?? '',
        }
      : blank,
  );
  const save = useMutation({
    mutationFn: (v: { id: string; input: ServiceUpdate } | { id?: undefined; input: ServiceInput }) =>
      v.id !== undefined
        ? gql(token, UPDATE_SERVICE, { id: v.id, input: v.input }).then(() => undefined)
        : gql(token, CREATE_SERVICE, { input: v.input }).then(() => undefined),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'agencies'] }),
  });
  const prefix = service ? 'service-edit' : 'service-new';

  function submit(e: FormEvent) {
    e.preventDefault();
    const values = {
      name: f.name,
      lifeDomain: valueOf(f.lifeDomain, LifeDomain),
      responseDays: numberOrUndefined(f.responseDays),
      integrationCourse: f.integrationCourse,
      fundingLine: optionalText(f.fundingLine) ?? (service ? null : undefined),
    };
    const onError = (err: unknown) => fail(serverProblems(err, t, REFUSALS.service));
    const onSuccess = () => {
      onDone(f.name.trim());
      if (!service) setF(blank);
    };
    if (service) {
      const c = check(serviceUpdateSchema, values, t);
      if (!c.ok) return fail(c.problems);
      clear();
      save.mutate(
        { id: service.id, input: { ...c.data, lifeDomain: keyOf(values.lifeDomain, LifeDomain) } },
        { onSuccess, onError },
      );
    } else {
      const c = check(serviceInputSchema, { ...values, agencyId, code: f.code }, t);
      if (!c.ok) return fail(c.problems);
      clear();
      save.mutate({ input: { ...c.data, lifeDomain: keyOf(values.lifeDomain, LifeDomain) } }, { onSuccess, onError });
    }
  }

  return (
    <form
      ref={form}
      onSubmit={submit}
      noValidate
      className="stack admin-form"
      aria-labelledby={service ? undefined : `${prefix}-title`}
    >
      {!service && <h3 id={`${prefix}-title`}>{t('admin.services.newTitle')}</h3>}
      {!service && (
        <Field id={`${prefix}-code`} label={t('admin.field.code')} hint={t('admin.hint.code')} error={problems.code}>
          {(a) => (
            <input
              {...a}
              autoComplete="off"
              maxLength={64}
              value={f.code}
              onChange={(e) => setF({ ...f, code: e.target.value })}
            />
          )}
        </Field>
      )}
      <Field id={`${prefix}-name`} label={t('admin.field.name')} error={problems.name}>
        {(a) => <input {...a} maxLength={200} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />}
      </Field>
      <Field id={`${prefix}-domain`} label={t('admin.field.lifeDomain')} error={problems.lifeDomain}>
        {(a) => (
          <select {...a} value={f.lifeDomain} onChange={(e) => setF({ ...f, lifeDomain: e.target.value })}>
            {DOMAINS.map((d) => (
              <option key={d} value={d}>
                {words.domain(d)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={`${prefix}-days`}
        label={t('admin.field.responseDays')}
        hint={t('admin.hint.responseDays')}
        error={problems.responseDays}
      >
        {(a) => (
          <input
            {...a}
            inputMode="numeric"
            value={f.responseDays}
            onChange={(e) => setF({ ...f, responseDays: e.target.value })}
          />
        )}
      </Field>
      <div className="field">
        <label className="choice">
          <input
            type="checkbox"
            checked={f.integrationCourse}
            onChange={(e) => setF({ ...f, integrationCourse: e.target.checked })}
          />{' '}
          {t('admin.field.integrationCourse')}
        </label>
      </div>
      <Field id={`${prefix}-funding`} label={t('admin.field.fundingLine')} error={problems.fundingLine}>
        {(a) => (
          <input
            {...a}
            maxLength={100}
            value={f.fundingLine}
            onChange={(e) => setF({ ...f, fundingLine: e.target.value })}
          />
        )}
      </Field>
      <FormProblem problems={problems} />
      <div className="actions">
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('admin.cancel')}
          </button>
        )}
        <button type="submit" {...busyProps(save.isPending)}>
          {save.isPending ? t('common.loading') : service ? t('admin.save') : t('admin.services.create')}
        </button>
      </div>
    </form>
  );
}
