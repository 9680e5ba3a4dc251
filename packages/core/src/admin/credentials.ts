import type { DataSource } from 'typeorm';
import {
  credentialIssueSchema,
  credentialOwnerSchema,
  rotationOverlapSchema,
  type CredentialIssue,
} from '@kim/contracts';
import { agencyRepository, credentialRepository, staffRepository, type CredentialRow, type Db } from '@kim/persistence';
import { audit } from '../ledger/audit.js';
import { DomainError, notFound } from '../common/errors.js';
import { credentialPrefix, hashCredential, newApiKey, newStaffToken } from '../common/credentials.js';
import type { Principal } from '../common/principal.js';
import { adminUserOf, assertAdministers, parse } from './authority.js';

/** Whose credential: a staff user's token or an agency's API key. */
export interface CredentialOwner {
  staffUserId?: string;
  agencyId?: string;
}

/** A credential just issued: the secret is here once and never again. */
export interface IssuedCredential {
  credential: CredentialRow;
  secret: string;
}

const DAY_MS = 24 * 3600 * 1000;

/** Whether a credential signs in at `now`. */
export function credentialState(c: CredentialRow, now = new Date()): 'active' | 'expired' | 'revoked' {
  if (c.revokedAt) return 'revoked';
  if (c.expiresAt && c.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** The credentials of a tenant, or of one staff user or agency, newest first. Never their secrets. */
export async function listCredentials(db: Db, p: Principal, owner?: CredentialOwner): Promise<CredentialRow[]> {
  assertAdministers(p);
  if (owner && (owner.staffUserId || owner.agencyId)) {
    const o = parse(credentialOwnerSchema, owner, 'credential owner');
    return credentialRepository.ofOwner(db, p.tenantId, o);
  }
  return credentialRepository.list(db, p.tenantId);
}

async function assertOwner(db: Db, tenantId: string, o: CredentialOwner): Promise<void> {
  if (o.staffUserId) {
    if (!(await staffRepository.lock(db, tenantId, o.staffUserId))) throw notFound('staff user', o.staffUserId);
  } else if (!(await agencyRepository.lock(db, tenantId, o.agencyId!))) throw notFound('agency', o.agencyId!);
}

async function insertCredential(
  m: Db,
  p: Principal,
  o: CredentialOwner,
  issue: CredentialIssue,
  now: Date,
): Promise<IssuedCredential> {
  const secret = o.agencyId ? newApiKey() : newStaffToken();
  const credential = await credentialRepository.insert(m, {
    tenantId: p.tenantId,
    staffUserId: o.staffUserId ?? null,
    agencyId: o.agencyId ?? null,
    hash: hashCredential(secret),
    prefix: credentialPrefix(secret),
    label: issue.label ?? null,
    createdBy: adminUserOf(p),
    expiresAt: issue.validDays ? new Date(now.getTime() + issue.validDays * DAY_MS) : null,
  });
  return { credential, secret };
}

/** Issue a new token for a staff user or API key for an agency; the secret is shown once. */
export async function issueCredential(
  ds: DataSource,
  p: Principal,
  owner: unknown,
  issue: unknown = {},
): Promise<IssuedCredential> {
  assertAdministers(p);
  const o = parse(credentialOwnerSchema, owner, 'credential owner');
  const i = parse(credentialIssueSchema, issue, 'credential');
  return ds.transaction(async (m) => {
    await assertOwner(m, p.tenantId, o);
    const issued = await insertCredential(m, p, o, i, new Date());
    await audit(m, p, {
      action: 'credential.issued',
      subjectType: 'credential',
      subjectId: issued.credential.id,
      allowed: true,
      agencyId: o.agencyId ?? null,
      reason: o.staffUserId ? `staff user ${o.staffUserId}` : `agency ${o.agencyId}`,
    });
    return issued;
  });
}

async function lockActive(m: Db, p: Principal, id: string, verb: string): Promise<CredentialRow> {
  const c = await credentialRepository.lock(m, p.tenantId, id);
  if (!c) throw notFound('credential', id);
  const state = credentialState(c);
  if (state !== 'active') throw new DomainError('CONFLICT', `credential ${id} is ${state} already; nothing to ${verb}`);
  return c;
}

/**
 * Revoke a credential: refused from this moment by every gateway (the change is announced on
 * kim_principals and each gateway drops the principals it keeps).
 */
export async function revokeCredential(ds: DataSource, p: Principal, id: string): Promise<CredentialRow> {
  assertAdministers(p);
  return ds.transaction(async (m) => {
    const c = await lockActive(m, p, id, 'revoke');
    await credentialRepository.revoke(m, p.tenantId, id);
    await audit(m, p, {
      action: 'credential.revoked',
      subjectType: 'credential',
      subjectId: id,
      allowed: true,
      agencyId: c.agencyId,
    });
    return (await credentialRepository.lock(m, p.tenantId, id))!;
  });
}

/** Let a credential expire at `at` (now when absent); it signs in until then. */
export async function expireCredential(ds: DataSource, p: Principal, id: string, at?: Date): Promise<CredentialRow> {
  assertAdministers(p);
  const when = at ?? new Date();
  if (Number.isNaN(when.getTime())) throw new DomainError('INVALID_INPUT', 'the expiry is not a valid time');
  return ds.transaction(async (m) => {
    const c = await lockActive(m, p, id, 'expire');
    await credentialRepository.expire(m, p.tenantId, id, when);
    await audit(m, p, {
      action: 'credential.expired',
      subjectType: 'credential',
      subjectId: id,
      allowed: true,
      agencyId: c.agencyId,
      reason: when.toISOString(),
    });
    return (await credentialRepository.lock(m, p.tenantId, id))!;
  });
}

/**
 * Rotate: a new credential for the same owner at once, and the old one keeps working for the
 * overlap window (seconds; 0 ends it now) so the holder can switch without an outage.
 */
export async function rotateCredential(
  ds: DataSource,
  p: Principal,
  id: string,
  overlapSeconds: unknown,
  issue: unknown = {},
): Promise<IssuedCredential & { previous: CredentialRow }> {
  assertAdministers(p);
  const overlap = parse(rotationOverlapSchema, overlapSeconds, 'overlap (seconds)');
  const i = parse(credentialIssueSchema, issue, 'credential');
  return ds.transaction(async (m) => {
    const old = await lockActive(m, p, id, 'rotate');
    const now = new Date();
    const owner = old.staffUserId ? { staffUserId: old.staffUserId } : { agencyId: old.agencyId! };
    const issued = await insertCredential(m, p, owner, { label: i.label ?? old.label, validDays: i.validDays }, now);
    await credentialRepository.replace(
      m,
      p.tenantId,
      id,
      new Date(now.getTime() + overlap * 1000),
      issued.credential.id,
    );
    await audit(m, p, {
      action: 'credential.rotated',
      subjectType: 'credential',
      subjectId: id,
      allowed: true,
      agencyId: old.agencyId,
      reason: `replaced by ${issued.credential.id}; overlap ${overlap} s`,
    });
    return { ...issued, previous: (await credentialRepository.lock(m, p.tenantId, id))! };
  });
}
