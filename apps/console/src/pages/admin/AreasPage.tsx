import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { coordinationAreaInputSchema, regionInputSchema, regionUpdateSchema, text } from '@kim/contracts/admin';
import { gql, type VariablesArg } from '../../api';
import type { TypedDocumentString } from '../../gql/graphql';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageTitle } from '../../components/PageTitle';
import { formatNumber } from '../../format';
import { useToken } from '../../session';
import {
  Dialog,
  Field,
  REFUSALS,
  busyProps,
  FormProblem,
  check,
  numberOrUndefined,
  optionalText,
  serverProblems,
  useWords,
  useFormProblems,
} from './form';
import {
  CREATE_COORDINATION_AREA,
  CREATE_REGION,
  RENAME_COORDINATION_AREA,
  UPDATE_REGION,
  useAreas,
  type CoordinationArea,
  type RegionalArea,
} from './queries';

const AREA_KINDS = ['kreis', 'municipality'] as const;

/** Coordination areas (the Kreis, towns with their own office) and the regional areas inside them. */
export function AreasPage() {
  const { t, i18n } = useTranslation();
  const words = useWords();
  const areas = useAreas();
  const [renaming, setRenaming] = useState<CoordinationArea | null>(null);
  const [editing, setEditing] = useState<RegionalArea | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const areaName = (id: string) => areas.data?.coordinationAreas.find((a) => a.id === id)?.name ?? '–';

  return (
    <>
      <PageTitle>{t('admin.areas.title')}</PageTitle>
      <p>{t('admin.areas.intro')}</p>
      <p role="status" className="hint">
        {done}
      </p>
      {areas.isError && <ErrorNotice error={areas.error} onRetry={() => void areas.refetch()} />}
      {areas.isPending && <p role="status">{t('common.loading')}</p>}
      {areas.data && (
        <>
          <h2>{t('admin.areas.coordinationTitle')}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin.field.name')}</th>
                  <th scope="col">{t('admin.field.areaKind')}</th>
                  <th scope="col">{t('admin.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {areas.data.coordinationAreas.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.name}</th>
                    <td>{words.areaKind(a.kind)}</td>
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('admin.renameNamed', { name: a.name })}
                        onClick={() => setRenaming(a)}
                      >
                        {t('admin.rename')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CoordinationAreaForm onDone={(name) => setDone(t('admin.areas.created', { name }))} />

          <h2>{t('admin.areas.regionalTitle')}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin.field.name')}</th>
                  <th scope="col">{t('admin.field.coordinationArea')}</th>
                  <th scope="col">{t('admin.field.fte')}</th>
                  <th scope="col">{t('admin.field.caseloadKey')}</th>
                  <th scope="col">{t('admin.field.contactPhone')}</th>
                  <th scope="col">{t('admin.field.contactEmail')}</th>
                  <th scope="col">{t('admin.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {areas.data.regionalAreas.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.name}</th>
                    <td>{areaName(r.coordinationAreaId)}</td>
                    <td className="num">{formatNumber(r.fte, i18n.language, 2)}</td>
                    <td className="num">1:{r.caseloadKey}</td>
                    <td>{r.contactPhone ?? '–'}</td>
                    <td>{r.contactEmail ?? '–'}</td>
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('admin.editNamed', { name: r.name })}
                        onClick={() => setEditing(r)}
                      >
                        {t('admin.edit')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <RegionForm
            areas={areas.data.coordinationAreas}
            onDone={(name) => setDone(t('admin.areas.created', { name }))}
          />
        </>
      )}
      <Dialog open={renaming !== null} title={t('admin.areas.renameTitle')} onClose={() => setRenaming(null)}>
        {renaming && (
          <RenameForm
            area={renaming}
            onDone={(name) => {
              setRenaming(null);
              setDone(t('admin.saved', { name }));
            }}
            onCancel={() => setRenaming(null)}
          />
        )}
      </Dialog>
      <Dialog open={editing !== null} title={t('admin.areas.editTitle')} onClose={() => setEditing(null)}>
        {editing && areas.data && (
          <RegionForm
            areas={areas.data.coordinationAreas}
            region={editing}
            onDone={(name) => {
              setEditing(null);
              setDone(t('admin.saved', { name }));
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Dialog>
    </>
  );
}

function useSave<T, V>(document: TypedDocumentString<T, V>) {
  const token = useToken();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: V) => gql(token, document, ...([variables] as VariablesArg<V>)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'areas'] }),
  });
}

function CoordinationAreaForm({ onDone }: { onDone: (name: string) => void }) {
  const { t } = useTranslation();
  const words = useWords();
  const { form, problems, fail, clear } = useFormProblems();
  const [f, setF] = useState({ name: '', kind: 'kreis' });
  const save = useSave(CREATE_COORDINATION_AREA);

  function submit(e: FormEvent) {
    e.preventDefault();
    const c = check(coordinationAreaInputSchema, { name: f.name, kind: f.kind }, t);
    if (!c.ok) {
      fail(c.problems);
      return;
    }
    clear();
    save.mutate(
      { input: c.data },
      {
        onSuccess: () => {
          onDone(c.data.name);
          setF({ name: '', kind: 'kreis' });
        },
        onError: (err) => {
          const p = serverProblems(err, t, REFUSALS.area);
          fail(p);
        },
      },
    );
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack admin-form" aria-labelledby="new-coordination">
      <h3 id="new-coordination">{t('admin.areas.newCoordination')}</h3>
      <Field id="ca-name" label={t('admin.field.name')} error={problems.name}>
        {(a) => <input {...a} value={f.name} maxLength={200} onChange={(e) => setF({ ...f, name: e.target.value })} />}
      </Field>
      <Field id="ca-kind" label={t('admin.field.areaKind')} error={problems.kind}>
        {(a) => (
          <select {...a} value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
            {AREA_KINDS.map((k) => (
              <option key={k} value={k}>
                {words.areaKind(k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormProblem problems={problems} />
      <button type="submit" {...busyProps(save.isPending)}>
        {save.isPending ? t('common.loading') : t('admin.areas.createCoordination')}
      </button>
    </form>
  );
}

function RenameForm({
  area,
  onDone,
  onCancel,
}: {
  area: CoordinationArea;
  onDone: (name: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { form, problems, fail } = useFormProblems();
  const [name, setName] = useState(area.name);
  const save = useSave(RENAME_COORDINATION_AREA);

  function submit(e: FormEvent) {
    e.preventDefault();
    const c = check(text(200), name, t);
    if (!c.ok) {
      const p = { name: c.problems.form! };
      fail(p);
      return;
    }
    save.mutate(
      { id: area.id, name: c.data },
      {
        onSuccess: () => onDone(c.data),
        onError: (err) => {
          const p = serverProblems(err, t, REFUSALS.area);
          fail(p);
        },
      },
    );
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      <Field id="rename-name" label={t('admin.field.name')} error={problems.name}>
        {(a) => <input {...a} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <FormProblem problems={problems} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
        <button type="submit" {...busyProps(save.isPending)}>
          {save.isPending ? t('common.loading') : t('admin.save')}
        </button>
      </div>
    </form>
  );
}

function RegionForm({
  areas,
  region,
  onDone,
  onCancel,
}: {
  areas: CoordinationArea[];
  region?: RegionalArea;
  onDone: (name: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const { form, problems, fail, clear } = useFormProblems();
  const blank = {
    name: '',
    coordinationAreaId: areas[0]?.id ?? '',
    fte: '',
    caseloadKey: '100',
    contactPhone: '',
    contactEmail: '',
  };
  const [f, setF] = useState(
    region
      ? {
          name: region.name,
          coordinationAreaId: region.coordinationAreaId,
          fte: String(region.fte).replace('.', ','),
          caseloadKey: String(region.caseloadKey),
          contactPhone: region.contactPhone ?? '',
          contactEmail: region.contactEmail ?? '',
        }
      : blank,
  );
  const create = useSave(CREATE_REGION);
  const update = useSave(UPDATE_REGION);
  const pending = create.isPending || update.isPending;
  const prefix = region ? 'region-edit' : 'region-new';

  function submit(e: FormEvent) {
    e.preventDefault();
    const values = {
      name: f.name,
      fte: numberOrUndefined(f.fte),
      caseloadKey: numberOrUndefined(f.caseloadKey),
      // Cleared on an edit: null removes the stored contact.
      contactPhone: optionalText(f.contactPhone) ?? (region ? null : undefined),
      contactEmail: optionalText(f.contactEmail) ?? (region ? null : undefined),
    };
    const onError = (err: unknown) => fail(serverProblems(err, t, REFUSALS.area));
    if (region) {
      const c = check(regionUpdateSchema, values, t);
      if (!c.ok) return fail(c.problems);
      update.mutate({ id: region.id, input: c.data }, { onSuccess: () => onDone(f.name.trim()), onError });
    } else {
      const c = check(regionInputSchema, { ...values, coordinationAreaId: f.coordinationAreaId }, t);
      if (!c.ok) return fail(c.problems);
      create.mutate(
        { input: c.data },
        {
          onSuccess: () => {
            onDone(c.data.name);
            setF(blank);
          },
          onError,
        },
      );
    }
    clear();
  }

  return (
    <form
      ref={form}
      onSubmit={submit}
      noValidate
      className="stack admin-form"
      aria-labelledby={region ? undefined : `${prefix}-title`}
    >
      {!region && <h3 id={`${prefix}-title`}>{t('admin.areas.newRegional')}</h3>}
      <Field id={`${prefix}-name`} label={t('admin.field.name')} error={problems.name}>
        {(a) => <input {...a} value={f.name} maxLength={200} onChange={(e) => setF({ ...f, name: e.target.value })} />}
      </Field>
      {!region && (
        <Field id={`${prefix}-area`} label={t('admin.field.coordinationArea')} error={problems.coordinationAreaId}>
          {(a) => (
            <select
              {...a}
              value={f.coordinationAreaId}
              onChange={(e) => setF({ ...f, coordinationAreaId: e.target.value })}
            >
              {areas.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field id={`${prefix}-fte`} label={t('admin.field.fte')} hint={t('admin.hint.fte')} error={problems.fte}>
        {(a) => (
          <input {...a} inputMode="decimal" value={f.fte} onChange={(e) => setF({ ...f, fte: e.target.value })} />
        )}
      </Field>
      <Field
        id={`${prefix}-key`}
        label={t('admin.field.caseloadKey')}
        hint={t('admin.hint.caseloadKey')}
        error={problems.caseloadKey}
      >
        {(a) => (
          <input
            {...a}
            inputMode="numeric"
            value={f.caseloadKey}
            onChange={(e) => setF({ ...f, caseloadKey: e.target.value })}
          />
        )}
      </Field>
      <Field
        id={`${prefix}-phone`}
        label={t('admin.field.contactPhone')}
        hint={t('admin.hint.workContact')}
        error={problems.contactPhone}
      >
        {(a) => (
          <input
            {...a}
            type="tel"
            autoComplete="off"
            value={f.contactPhone}
            onChange={(e) => setF({ ...f, contactPhone: e.target.value })}
          />
        )}
      </Field>
      <Field id={`${prefix}-email`} label={t('admin.field.contactEmail')} error={problems.contactEmail}>
        {(a) => (
          <input
            {...a}
            type="email"
            autoComplete="off"
            value={f.contactEmail}
            onChange={(e) => setF({ ...f, contactEmail: e.target.value })}
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
        <button type="submit" {...busyProps(pending)}>
          {pending ? t('common.loading') : region ? t('admin.save') : t('admin.areas.createRegional')}
        </button>
      </div>
    </form>
  );
}
