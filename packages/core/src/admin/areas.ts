import type { DataSource } from 'typeorm';
import { coordinationAreaInputSchema, regionInputSchema, regionUpdateSchema, text } from '@kim/contracts';
import { areaRepository, type CoordinationAreaRow, type Db, type RegionRow } from '@kim/persistence';
import { audit } from '../ledger/audit.js';
import { notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { assertAdministers, changedFields, parse, refusal } from './authority.js';

/** The coordination areas and regional areas of a tenant, by name. */
export async function listAreas(
  db: Db,
  tenantId: string,
): Promise<{ coordinationAreas: CoordinationAreaRow[]; regions: RegionRow[] }> {
  const [coordinationAreas, regions] = await Promise.all([
    areaRepository.coordinationAreas(db, tenantId),
    areaRepository.regions(db, tenantId),
  ]);
  return { coordinationAreas, regions };
}

/** A coordinating office's area: the Kreis, or a town with its own office. */
export async function createCoordinationArea(
  ds: DataSource,
  p: Principal,
  input: unknown,
): Promise<CoordinationAreaRow> {
  assertAdministers(p);
  const a = parse(coordinationAreaInputSchema, input, 'coordination area');
  return ds.transaction(async (m) => {
    const id = await areaRepository.insertCoordinationArea(m, p.tenantId, a.name, a.kind);
    await audit(m, p, { action: 'area.created', subjectType: 'coordination-area', subjectId: id, allowed: true });
    return { tenantId: p.tenantId, id, name: a.name, kind: a.kind };
  });
}

export async function renameCoordinationArea(
  ds: DataSource,
  p: Principal,
  id: string,
  name: string,
): Promise<CoordinationAreaRow> {
  assertAdministers(p);
  const newName = parse(text(200), name, 'coordination area name');
  return ds.transaction(async (m) => {
    const changed = await areaRepository.renameCoordinationArea(m, p.tenantId, id, newName);
    if (!changed) throw notFound('coordination area', id);
    await audit(m, p, {
      action: 'area.updated',
      subjectType: 'coordination-area',
      subjectId: id,
      allowed: true,
      reason: 'name',
    });
    const [row] = (await areaRepository.coordinationAreas(m, p.tenantId)).filter((a) => a.id === id);
    return row!;
  });
}

/** A regional area (Regionalbereich) inside a coordination area. */
export async function createRegion(ds: DataSource, p: Principal, input: unknown): Promise<RegionRow> {
  assertAdministers(p);
  const r = parse(regionInputSchema, input, 'regional area');
  return ds.transaction(async (m) => {
    const write = {
      name: r.name,
      fte: r.fte.toFixed(2),
      caseloadKey: r.caseloadKey,
      contactPhone: r.contactPhone ?? null,
      contactEmail: r.contactEmail ?? null,
    };
    const id = await areaRepository
      .insertRegion(m, p.tenantId, r.coordinationAreaId, write)
      .catch((e: unknown) => refusal(e, 'taken', `no coordination area ${r.coordinationAreaId}`));
    await audit(m, p, { action: 'area.created', subjectType: 'region', subjectId: id, allowed: true });
    return (await areaRepository.regionsByIds(m, p.tenantId, [id]))[0]!;
  });
}

export async function updateRegion(ds: DataSource, p: Principal, id: string, patch: unknown): Promise<RegionRow> {
  assertAdministers(p);
  const u = parse(regionUpdateSchema, patch, 'regional area');
  return ds.transaction(async (m) => {
    const old = await areaRepository.lockRegion(m, p.tenantId, id);
    if (!old) throw notFound('regional area', id);
    await areaRepository.writeRegion(m, p.tenantId, id, {
      name: u.name ?? old.name,
      fte: u.fte !== undefined ? u.fte.toFixed(2) : old.fte,
      caseloadKey: u.caseloadKey ?? old.caseloadKey,
      contactPhone: u.contactPhone === undefined ? old.contactPhone : u.contactPhone,
      contactEmail: u.contactEmail === undefined ? old.contactEmail : u.contactEmail,
    });
    await audit(m, p, {
      action: 'area.updated',
      subjectType: 'region',
      subjectId: id,
      allowed: true,
      reason: changedFields(u),
    });
    return (await areaRepository.regionsByIds(m, p.tenantId, [id]))[0]!;
  });
}
