import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { StaffRole, staffUserInputSchema, staffUserUpdateSchema } from '@kim/contracts/admin';
import { gql } from '../../api';
import type { StaffUserInput } from '../../gql/graphql';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageTitle } from '../../components/PageTitle';
import { useSession, useToken } from '../../session';
import {
  ConfirmDialog,
  Dialog,
  Field,
  REFUSALS,
  busyProps,
  FormProblem,
  check,
  keyOf,
  numberOrUndefined,
  serverProblems,
  useWords,
  valueOf,
  type Problems,
  useFormProblems,
} from './form';
import {
  CREATE_STAFF,
  STAFF_PAGE,
  UPDATE_STAFF,
  useAreas,
  type CoordinationArea,
  type RegionalArea,
  type StaffUser,
} from './queries';

const PAGE_SIZE = 20;
const ROLES = Object.keys(StaffRole);

/** Staff users with role and areas, a page at a time; add, change, deactivate and reactivate. */
export function StaffPage() {
  const { t } = useTranslation();
  const words = useWords();
  const token = useToken();
  const queryClient = useQueryClient();
  const { session } = useSession();
  const areas = useAreas();
  // The cursors of the pages before this one: "back" pops, "next" pushes.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1]!;
  const page = useQuery({
    queryKey: ['admin', 'staff', after],
    queryFn: async () => (await gql(token, STAFF_PAGE, { first: PAGE_SIZE, after })).data.staffUserPage,
  });
  const [editing, setEditing] = useState<StaffUser | null>(null);
  const [toggling, setToggling] = useState<StaffUser | null>(null);
  const [toggleProblems, setToggleProblems] = useState<Problems>({});
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin'] });
  const toggle = useMutation({
    mutationFn: (u: StaffUser) => gql(token, UPDATE_STAFF, { id: u.id, input: { active: !u.active } }),
  });
  const regionName = (id: string | null) => areas.data?.regionalAreas.find((r) => r.id === id)?.name;
  const areaName = (id: string | null) => areas.data?.coordinationAreas.find((a) => a.id === id)?.name;
  const pageNumber = cursors.length;

  return (
    <>
      <PageTitle>{t('admin.staff.title')}</PageTitle>
      <p>{t('admin.staff.intro')}</p>
      <p role="status" className="hint">
        {done}
      </p>
      {page.isError && <ErrorNotice error={page.error} onRetry={() => void page.refetch()} />}
      {page.isPending && <p role="status">{t('common.loading')}</p>}
      {page.data && (
        <>
          <div className="table-wrap">
            <table>
              <caption>{t('admin.staff.caption', { page: pageNumber })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.field.displayName')}</th>
                  <th scope="col">{t('admin.field.email')}</th>
                  <th scope="col">{t('admin.field.role')}</th>
                  <th scope="col">{t('admin.field.area')}</th>
                  <th scope="col">{t('admin.field.status')}</th>
                  <th scope="col">{t('admin.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {page.data.edges.map(({ node: u }) => (
                  <tr key={u.id}>
                    <th scope="row">{u.displayName}</th>
                    <td>{u.email}</td>
                    <td>{words.role(u.role)}</td>
                    <td>{regionName(u.regionId) ?? areaName(u.coordinationAreaId) ?? '–'}</td>
                    <td>{u.active ? t('admin.staff.active') : t('admin.staff.inactive')}</td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('admin.editNamed', { name: u.displayName })}
                        onClick={() => setEditing(u)}
                      >
                        {t('admin.edit')}
                      </button>
                      {u.id !== session?.me.id && (
                        <button
                          type="button"
                          className="secondary"
                          aria-label={t(u.active ? 'admin.staff.deactivateNamed' : 'admin.staff.reactivateNamed', {
                            name: u.displayName,
                          })}
                          onClick={() => {
                            setToggleProblems({});
                            setToggling(u);
                          }}
                        >
                          {u.active ? t('admin.staff.deactivate') : t('admin.staff.reactivate')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="actions pager" aria-label={t('admin.staff.pages')}>
            <button
              type="button"
              className="secondary"
              disabled={cursors.length === 1}
              onClick={() => setCursors(cursors.slice(0, -1))}
            >
              {t('admin.previousPage')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={!page.data.pageInfo.hasNextPage}
              onClick={() => setCursors([...cursors, page.data.pageInfo.endCursor])}
            >
              {t('admin.nextPage')}
            </button>
          </nav>
        </>
      )}
      {areas.data && (
        <StaffForm
          regions={areas.data.regionalAreas}
          coordinationAreas={areas.data.coordinationAreas}
          onDone={(name) => {
            setDone(t('admin.staff.created', { name }));
            refresh();
          }}
        />
      )}
      <Dialog open={editing !== null} title={t('admin.staff.editTitle')} onClose={() => setEditing(null)}>
        {editing && areas.data && (
          <StaffForm
            user={editing}
            regions={areas.data.regionalAreas}
            coordinationAreas={areas.data.coordinationAreas}
            onDone={(name) => {
              setEditing(null);
              setDone(t('admin.saved', { name }));
              refresh();
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={toggling !== null}
        title={toggling?.active ? t('admin.staff.deactivateTitle') : t('admin.staff.reactivateTitle')}
        text={t(toggling?.active ? 'admin.staff.deactivateText' : 'admin.staff.reactivateText', {
          name: toggling?.displayName ?? '',
        })}
        confirm={toggling?.active ? t('admin.staff.deactivate') : t('admin.staff.reactivate')}
        busy={toggle.isPending}
        problems={toggleProblems}
        onClose={() => setToggling(null)}
        onConfirm={() =>
          toggling &&
          toggle.mutate(toggling, {
            onSuccess: () => {
              setDone(
                t(toggling.active ? 'admin.staff.deactivated' : 'admin.staff.reactivated', {
                  name: toggling.displayName,
                }),
              );
              setToggling(null);
              refresh();
            },
            onError: (err) => setToggleProblems(serverProblems(err, t, REFUSALS.staff)),
          })
        }
      />
    </>
  );
}

function StaffForm({
  user,
  regions,
  coordinationAreas,
  onDone,
  onCancel,
}: {
  user?: StaffUser;
  regions: RegionalArea[];
  coordinationAreas: CoordinationArea[];
  onDone: (name: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const words = useWords();
  const token = useToken();
  const { form, problems, fail, clear } = useFormProblems();
  const blank = { displayName: '', email: '', role: 'CASE_MANAGER', regionId: '', coordinationAreaId: '', fte: '' };
  const [f, setF] = useState(
    user
      ? {
          displayName: user.displayName,
          email: user.email,
          role: user.role,
          regionId: user.regionId ?? '',
          coordinationAreaId: user.coordinationAreaId ?? '',
          fte: user.fte === null ? '' : String(user.fte).replace('.', ','),
        }
      : blank,
  );
  const save = useMutation({
    mutationFn: (v: { id?: string; input: StaffUserInput }) =>
      v.id
        ? gql(token, UPDATE_STAFF, { id: v.id, input: v.input }).then(() => undefined)
        : gql(token, CREATE_STAFF, { input: v.input }).then(() => undefined),
  });
  const prefix = user ? 'staff-edit' : 'staff-new';
  // Which areas a role holds (the hub's rule): a case manager a regional area, a coordinator a coordination area.
  const needsRegion = f.role === 'CASE_MANAGER';
  const needsArea = f.role === 'COORDINATOR';

  function submit(e: FormEvent) {
    e.preventDefault();
    const whole = {
      displayName: f.displayName,
      email: f.email.trim(),
      role: valueOf(f.role, StaffRole),
      regionId: needsRegion ? f.regionId || null : null,
      // A case manager belongs to the coordination area of their regional area.
      coordinationAreaId: needsArea
        ? f.coordinationAreaId || null
        : needsRegion
          ? (regions.find((r) => r.id === f.regionId)?.coordinationAreaId ?? null)
          : null,
      fte: numberOrUndefined(f.fte) ?? null,
    };
    // The whole user must be one the hub accepts, also on a change.
    const c = check(staffUserInputSchema, whole, t);
    if (!c.ok) return fail(c.problems);
    const input = { ...whole, role: keyOf(whole.role, StaffRole) };
    if (user) {
      const u = check(staffUserUpdateSchema, whole, t);
      if (!u.ok) return fail(u.problems);
    }
    clear();
    save.mutate(user ? { id: user.id, input } : { input }, {
      onSuccess: () => {
        onDone(whole.displayName.trim());
        if (!user) setF(blank);
      },
      onError: (err) => fail(serverProblems(err, t, REFUSALS.staff)),
    });
  }

  return (
    <form
      ref={form}
      onSubmit={submit}
      noValidate
      className="stack admin-form"
      aria-labelledby={user ? undefined : `${prefix}-title`}
    >
      {!user && <h2 id={`${prefix}-title`}>{t('admin.staff.newTitle')}</h2>}
      <Field id={`${prefix}-name`} label={t('admin.field.displayName')} error={problems.displayName}>
        {(a) => (
          <input
            {...a}
            autoComplete="off"
            maxLength={200}
            value={f.displayName}
            onChange={(e) => setF({ ...f, displayName: e.target.value })}
          />
        )}
      </Field>
      <Field id={`${prefix}-email`} label={t('admin.field.email')} error={problems.email}>
        {(a) => (
          <input
            {...a}
            type="email"
            autoComplete="off"
            maxLength={254}
            value={f.email}
            onChange={(e) => setF({ ...f, email: e.target.value })}
          />
        )}
      </Field>
      <Field id={`${prefix}-role`} label={t('admin.field.role')} hint={t('admin.hint.role')} error={problems.role}>
        {(a) => (
          <select {...a} value={f.role} onChange={(e) => setF({ ...f, role: e.target.value })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {words.role(r)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {needsRegion && (
        <Field id={`${prefix}-region`} label={t('admin.field.region')} error={problems.regionId}>
          {(a) => (
            <select {...a} value={f.regionId} onChange={(e) => setF({ ...f, regionId: e.target.value })}>
              <option value="">{t('admin.choose')}</option>
              {regions.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {needsArea && (
        <Field id={`${prefix}-area`} label={t('admin.field.coordinationArea')} error={problems.coordinationAreaId}>
          {(a) => (
            <select
              {...a}
              value={f.coordinationAreaId}
              onChange={(e) => setF({ ...f, coordinationAreaId: e.target.value })}
            >
              <option value="">{t('admin.choose')}</option>
              {coordinationAreas.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field
        id={`${prefix}-fte`}
        label={t('admin.field.staffFte')}
        hint={t('admin.hint.staffFte')}
        error={problems.fte}
      >
        {(a) => (
          <input {...a} inputMode="decimal" value={f.fte} onChange={(e) => setF({ ...f, fte: e.target.value })} />
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
          {save.isPending ? t('common.loading') : user ? t('admin.save') : t('admin.staff.create')}
        </button>
      </div>
    </form>
  );
}
