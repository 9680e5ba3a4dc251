import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { credentialIssueSchema, credentialOwnerSchema, rotationOverlapSchema } from '@kim/contracts/admin';
import { gql } from '../../api';
import type { IssueCredentialMutationVariables } from '../../gql/graphql';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format';
import { useToken } from '../../session';
import {
  ConfirmDialog,
  Dialog,
  Field,
  busyProps,
  FormProblem,
  SecretDialog,
  check,
  numberOrUndefined,
  optionalText,
  serverProblems,
  useWords,
  type Problems,
  useFormProblems,
} from './form';
import {
  CREDENTIALS,
  EXPIRE_CREDENTIAL,
  ISSUE_CREDENTIAL,
  REVOKE_CREDENTIAL,
  ROTATE_CREDENTIAL,
  useAgencies,
  useAllStaff,
  type Credential,
} from './queries';

const HOUR = 3600;
type Action = { kind: 'revoke' | 'expire'; credential: Credential } | null;

/**
 * Staff access keys and agency API keys: issue (the secret is shown once), list with prefix,
 * created, last used and expiry; expire, revoke (refused at once everywhere), rotate with an overlap.
 */
export function CredentialsPage() {
  const { t, i18n } = useTranslation();
  const words = useWords();
  const token = useToken();
  const queryClient = useQueryClient();
  const staff = useAllStaff();
  const agencies = useAgencies();
  const credentials = useQuery({
    queryKey: ['admin', 'credentials'],
    queryFn: async () => (await gql(token, CREDENTIALS)).data.credentials,
  });
  const [secret, setSecret] = useState<{ owner: string; value: string } | null>(null);
  const [action, setAction] = useState<Action>(null);
  const [actionProblems, setActionProblems] = useState<Problems>({});
  const [rotating, setRotating] = useState<Credential | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin', 'credentials'] });
  const act = useMutation({
    mutationFn: (a: NonNullable<Action>) =>
      a.kind === 'revoke'
        ? gql(token, REVOKE_CREDENTIAL, { id: a.credential.id }).then(() => undefined)
        : gql(token, EXPIRE_CREDENTIAL, { id: a.credential.id }).then(() => undefined),
  });
  const ownerName = (c: Pick<Credential, 'staffUserId' | 'agencyId'>) =>
    c.staffUserId
      ? (staff.data?.find((s) => s.id === c.staffUserId)?.displayName ?? '–')
      : (agencies.data?.find((a) => a.id === c.agencyId)?.name ?? '–');
  const keyName = (c: Credential) => `${c.prefix ?? '–'} (${ownerName(c)})`;

  return (
    <>
      <PageTitle>{t('admin.credentials.title')}</PageTitle>
      <p>{t('admin.credentials.intro')}</p>
      <p role="status" className="hint">
        {done}
      </p>
      {credentials.isError && <ErrorNotice error={credentials.error} onRetry={() => void credentials.refetch()} />}
      {credentials.isPending && <p role="status">{t('common.loading')}</p>}
      {credentials.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.field.prefix')}</th>
                <th scope="col">{t('admin.field.owner')}</th>
                <th scope="col">{t('admin.field.label')}</th>
                <th scope="col">{t('admin.field.createdAt')}</th>
                <th scope="col">{t('admin.field.lastUsedAt')}</th>
                <th scope="col">{t('admin.field.expiresAt')}</th>
                <th scope="col">{t('admin.field.status')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {credentials.data.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <code>{c.prefix ?? '–'}</code>
                  </th>
                  <td>{ownerName(c)}</td>
                  <td>{c.label ?? '–'}</td>
                  <td>{formatDateTime(c.createdAt, i18n.language)}</td>
                  <td>{c.lastUsedAt ? formatDateTime(c.lastUsedAt, i18n.language) : t('admin.credentials.never')}</td>
                  <td>{c.expiresAt ? formatDateTime(c.expiresAt, i18n.language) : t('admin.credentials.noExpiry')}</td>
                  <td>{words.state(c.state)}</td>
                  <td className="row-actions">
                    {c.state === 'active' && (
                      <>
                        <button
                          type="button"
                          className="secondary"
                          aria-label={t('admin.credentials.rotateNamed', { name: keyName(c) })}
                          onClick={() => setRotating(c)}
                        >
                          {t('admin.credentials.rotate')}
                        </button>
                        <button
                          type="button"
                          className="secondary"
                          aria-label={t('admin.credentials.expireNamed', { name: keyName(c) })}
                          onClick={() => {
                            setActionProblems({});
                            setAction({ kind: 'expire', credential: c });
                          }}
                        >
                          {t('admin.credentials.expire')}
                        </button>
                        <button
                          type="button"
                          className="secondary danger-outline"
                          aria-label={t('admin.credentials.revokeNamed', { name: keyName(c) })}
                          onClick={() => {
                            setActionProblems({});
                            setAction({ kind: 'revoke', credential: c });
                          }}
                        >
                          {t('admin.credentials.revoke')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {staff.data && agencies.data && (
        <IssueForm
          staff={staff.data.filter((s) => s.active).map((s) => ({ id: s.id, name: s.displayName }))}
          agencies={agencies.data.map((a) => ({ id: a.id, name: a.name }))}
          onIssued={(owner, value) => {
            setSecret({ owner, value });
            setDone(t('admin.credentials.issued', { name: owner }));
            refresh();
          }}
        />
      )}
      <ConfirmDialog
        open={action !== null}
        title={action?.kind === 'revoke' ? t('admin.credentials.revokeTitle') : t('admin.credentials.expireTitle')}
        text={t(action?.kind === 'revoke' ? 'admin.credentials.revokeText' : 'admin.credentials.expireText', {
          name: action ? keyName(action.credential) : '',
        })}
        confirm={action?.kind === 'revoke' ? t('admin.credentials.revoke') : t('admin.credentials.expire')}
        busy={act.isPending}
        problems={actionProblems}
        onClose={() => setAction(null)}
        onConfirm={() =>
          action &&
          act.mutate(action, {
            onSuccess: () => {
              setDone(
                t(action.kind === 'revoke' ? 'admin.credentials.revoked' : 'admin.credentials.expired', {
                  name: keyName(action.credential),
                }),
              );
              setAction(null);
              refresh();
            },
            onError: (err) => setActionProblems(serverProblems(err, t)),
          })
        }
      />
      <Dialog open={rotating !== null} title={t('admin.credentials.rotateTitle')} onClose={() => setRotating(null)}>
        {rotating && (
          <RotateForm
            credential={rotating}
            name={keyName(rotating)}
            onCancel={() => setRotating(null)}
            onRotated={(value) => {
              const owner = ownerName(rotating);
              setRotating(null);
              setSecret({ owner, value });
              setDone(t('admin.credentials.rotated', { name: keyName(rotating) }));
              refresh();
            }}
          />
        )}
      </Dialog>
      <SecretDialog
        secret={secret?.value ?? null}
        title={t('admin.credentials.secretTitle', { name: secret?.owner ?? '' })}
        onClose={() => setSecret(null)}
      />
    </>
  );
}

function IssueForm({
  staff,
  agencies,
  onIssued,
}: {
  staff: { id: string; name: string }[];
  agencies: { id: string; name: string }[];
  onIssued: (owner: string, secret: string) => void;
}) {
  const { t } = useTranslation();
  const token = useToken();
  const { form, problems, fail, clear } = useFormProblems();
  const blank = { owner: '', label: '', validDays: '' };
  const [f, setF] = useState(blank);
  const issue = useMutation({
    mutationFn: (v: IssueCredentialMutationVariables) => gql(token, ISSUE_CREDENTIAL, v),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    // The choice is "staff:<id>" or "agency:<id>": one owner, as the hub wants it.
    const [kind, id] = f.owner.split(':');
    const owner = kind === 'staff' ? { staffUserId: id } : kind === 'agency' ? { agencyId: id } : {};
    const o = check(credentialOwnerSchema, owner, t);
    const i = check(
      credentialIssueSchema,
      { label: optionalText(f.label), validDays: numberOrUndefined(f.validDays) },
      t,
    );
    const p: Problems = { ...(o.ok ? {} : { owner: t('admin.problem.owner') }), ...(i.ok ? {} : i.problems) };
    if (Object.keys(p).length) return fail(p);
    const name = (kind === 'staff' ? staff : agencies).find((x) => x.id === id)?.name ?? '';
    clear();
    issue.mutate(
      { owner, label: optionalText(f.label) ?? null, validDays: numberOrUndefined(f.validDays) ?? null },
      {
        onSuccess: (r) => {
          setF(blank);
          onIssued(name, r.data.issueCredential.secret);
        },
        onError: (err) => fail(serverProblems(err, t)),
      },
    );
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack admin-form" aria-labelledby="issue-title">
      <h2 id="issue-title">{t('admin.credentials.issueTitle')}</h2>
      <Field id="issue-owner" label={t('admin.field.owner')} error={problems.owner}>
        {(a) => (
          <select {...a} value={f.owner} onChange={(e) => setF({ ...f, owner: e.target.value })}>
            <option value="">{t('admin.choose')}</option>
            <optgroup label={t('admin.credentials.staffGroup')}>
              {staff.map((s) => (
                <option key={s.id} value={`staff:${s.id}`}>
                  {s.name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('admin.credentials.agencyGroup')}>
              {agencies.map((a) => (
                <option key={a.id} value={`agency:${a.id}`}>
                  {a.name}
                </option>
              ))}
            </optgroup>
          </select>
        )}
      </Field>
      <Field id="issue-label" label={t('admin.field.label')} hint={t('admin.hint.label')} error={problems.label}>
        {(a) => (
          <input {...a} maxLength={100} value={f.label} onChange={(e) => setF({ ...f, label: e.target.value })} />
        )}
      </Field>
      <Field
        id="issue-days"
        label={t('admin.field.validDays')}
        hint={t('admin.hint.validDays')}
        error={problems.validDays}
      >
        {(a) => (
          <input
            {...a}
            inputMode="numeric"
            value={f.validDays}
            onChange={(e) => setF({ ...f, validDays: e.target.value })}
          />
        )}
      </Field>
      <FormProblem problems={problems} />
      <button type="submit" {...busyProps(issue.isPending)}>
        {issue.isPending ? t('common.loading') : t('admin.credentials.issue')}
      </button>
    </form>
  );
}

function RotateForm({
  credential,
  name,
  onRotated,
  onCancel,
}: {
  credential: Credential;
  name: string;
  onRotated: (secret: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const token = useToken();
  const { form, problems, fail, clear } = useFormProblems();
  const [hours, setHours] = useState('24');
  const rotate = useMutation({
    mutationFn: (overlapSeconds: number) => gql(token, ROTATE_CREDENTIAL, { id: credential.id, overlapSeconds }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const h = numberOrUndefined(hours);
    // The hub counts the overlap in whole seconds, at most 30 days.
    const c = check(rotationOverlapSchema, h === undefined ? undefined : Math.round(h * HOUR), t);
    if (!c.ok) {
      const max = 30 * 24;
      return fail({
        overlapSeconds:
          h === undefined || Number.isNaN(h) ? t('admin.problem.number') : t('admin.problem.overlap', { max }),
      });
    }
    clear();
    rotate.mutate(c.data, {
      onSuccess: (r) => onRotated(r.data.rotateCredential.secret),
      onError: (err) => fail(serverProblems(err, t)),
    });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      <p>{t('admin.credentials.rotateText', { name })}</p>
      <Field
        id="rotate-hours"
        label={t('admin.field.overlapHours')}
        hint={t('admin.hint.overlapHours')}
        error={problems.overlapSeconds}
      >
        {(a) => <input {...a} inputMode="decimal" value={hours} onChange={(e) => setHours(e.target.value)} />}
      </Field>
      <FormProblem problems={problems} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
        <button type="submit" {...busyProps(rotate.isPending)}>
          {rotate.isPending ? t('common.loading') : t('admin.credentials.rotate')}
        </button>
      </div>
    </form>
  );
}
