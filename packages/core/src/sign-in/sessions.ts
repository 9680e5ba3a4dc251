import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { StaffRole } from '@kim/contracts';
import { areaRepository, sessionRepository, staffRepository, type Db, type StaffSessionRow } from '@kim/persistence';
import { audit } from '../ledger/audit.js';
import { hashCredential } from '../common/credentials.js';
import { DomainError, forbidden, notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { assertAdministers } from '../admin/authority.js';
import { emailOf, provisioningFromClaims, type ClaimMapping } from './claims.js';

/**
 * Staff sessions after single sign-on. The browser holds a random session id; the database only
 * its hash (the same SHA-256 as credentials). Every sign-in, refusal, sign-out and ended session
 * is in the ledger.
 */

/** A new random secret for a cookie (session or sign-in flow): 32 bytes, URL-safe. */
export const newCookieSecret = (): string => randomBytes(32).toString('base64url');

/** How long a sign-in may take at the provider before its flow is forgotten. */
export const SIGN_IN_FLOW_SECONDS = 600;

const system = (tenantId: string): Principal => ({ kind: 'system', tenantId });
/** The ledger's actor for a staff user known only by id (audit reads the kind, tenant and id). */
const staffActor = (tenantId: string, userId: string) => ({ kind: 'staff', tenantId, userId }) as Principal;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function uuid(id: string, what: string): string {
  if (!UUID.test(id)) throw new DomainError('INVALID_INPUT', `${what} must be an id (UUID)`);
  return id.toLowerCase();
}

/** A session's sign-in: who, which session, valid (at most) until when. */
export interface SessionSignIn {
  principal: Principal;
  sessionId: string;
  validUntil: Date;
}

/**
 * The staff user behind a session secret, or null: only an open session within its absolute and
 * idle limits, of an active user. Counts the use (the idle clock restarts). Looks across tenants.
 */
export async function signInBySessionSecret(db: Db, secret: string): Promise<SessionSignIn | null> {
  const row = await sessionRepository.principalBySessionHash(db, hashCredential(secret));
  if (!row) return null;
  return {
    principal: {
      kind: 'staff',
      tenantId: row.tenant_id,
      userId: row.id,
      role: row.role as StaffRole,
      displayName: row.display_name,
      regionId: row.region_id,
      coordinationAreaId: row.coordination_area_id,
      mayOverride: row.may_override,
    },
    sessionId: row.session_id,
    validUntil: row.valid_until,
  };
}

/** Keep a sign-in under way (run in the tenant); returns the flow secret for the browser's cookie. */
export async function beginSignInFlow(
  db: Db,
  tenantId: string,
  f: { state: string; nonce: string; codeVerifier: string; returnTo: string },
): Promise<string> {
  const secret = newCookieSecret();
  await sessionRepository.purgeFlows(db, tenantId);
  await sessionRepository.insertFlow(db, tenantId, {
    ...f,
    hash: hashCredential(secret),
    ttlSeconds: SIGN_IN_FLOW_SECONDS,
  });
  return secret;
}

/** Take (and so end) the sign-in under way that the browser's flow secret names; null: none, or too old. */
export async function takeSignInFlow(db: Db, tenantId: string, secret: string) {
  const flow = await sessionRepository.takeFlow(db, tenantId, hashCredential(secret));
  return flow?.fresh ? flow : null;
}

/** The provider's settings that decide who may sign in. */
export interface SignInPolicy extends ClaimMapping {
  matchEmail: boolean;
  provision: boolean;
}

export type StaffForSignIn =
  | { ok: true; staffUserId: string; how: 'known' | 'matched-email' | 'provisioned' }
  | { ok: false; code: 'unknown' | 'deactivated' | 'not-provisioned'; reason: string };

/**
 * The staff user an identity provider's subject signs in as: the one bound to (issuer, subject);
 * else, when configured, the active unbound user with the verified e-mail (then bound), or a new
 * user from the claims (then bound). Otherwise refused, with the reason for the ledger.
 */
export async function staffForSignIn(
  ds: DataSource,
  tenantId: string,
  issuer: string,
  subject: string,
  claims: Record<string, unknown>,
  policy: SignInPolicy,
): Promise<StaffForSignIn> {
  return ds.transaction(async (m) => {
    const known = await sessionRepository.staffByOidc(m, tenantId, issuer, subject);
    if (known) {
      return known.deactivatedAt
        ? { ok: false, code: 'deactivated', reason: 'the staff user is deactivated' }
        : { ok: true, staffUserId: known.id, how: 'known' };
    }
    const email = emailOf(claims, policy);
    if (policy.matchEmail && email && claims['email_verified'] === true) {
      const match = await sessionRepository.unboundStaffByEmail(m, tenantId, email);
      if (match?.deactivatedAt) return { ok: false, code: 'deactivated', reason: 'the staff user is deactivated' };
      if (match && (await sessionRepository.bindOidc(m, tenantId, match.id, issuer, subject)) === 1) {
        await audit(m, system(tenantId), {
          action: 'staff.sign-in-bound',
          subjectType: 'staff-user',
          subjectId: match.id,
          allowed: true,
          reason: 'verified e-mail',
        });
        return { ok: true, staffUserId: match.id, how: 'matched-email' };
      }
    }
    if (!policy.provision) {
      return { ok: false, code: 'unknown', reason: 'no staff user has this sign-in, and provisioning is off' };
    }
    const [regions, coordinationAreas] = await Promise.all([
      areaRepository.regions(m, tenantId),
      areaRepository.coordinationAreas(m, tenantId),
    ]);
    const decision = provisioningFromClaims(claims, policy, { regions, coordinationAreas });
    if (!decision.ok) return { ok: false, code: 'not-provisioned', reason: decision.reason };
    // A user with that e-mail exists already (bound to another subject, or matching is off).
    if (await sessionRepository.unboundStaffByEmail(m, tenantId, decision.staff.email)) {
      return { ok: false, code: 'not-provisioned', reason: 'a staff user with this e-mail exists already' };
    }
    const id = await staffRepository.insert(m, tenantId, { ...decision.staff, fte: null }).catch((e: unknown) => {
      if ((e as { driverError?: { code?: string } }).driverError?.code === '23505') return null;
      throw e;
    });
    if (!id) return { ok: false, code: 'not-provisioned', reason: 'a staff user with this e-mail exists already' };
    await sessionRepository.bindOidc(m, tenantId, id, issuer, subject);
    await audit(m, system(tenantId), {
      action: 'staff.provisioned',
      subjectType: 'staff-user',
      subjectId: id,
      allowed: true,
      reason: decision.staff.role,
    });
    return { ok: true, staffUserId: id, how: 'provisioned' };
  });
}

/** Open a session for a staff user who just signed in; the secret goes into the cookie, never stored. */
export async function openSession(
  ds: DataSource,
  tenantId: string,
  s: { staffUserId: string; issuer: string; idleSeconds: number; absoluteSeconds: number; userAgent: string | null },
): Promise<{ id: string; secret: string }> {
  const secret = newCookieSecret();
  const id = await ds.transaction(async (m) => {
    const sessionId = await sessionRepository.insertSession(m, tenantId, {
      ...s,
      hash: hashCredential(secret),
      userAgent: s.userAgent?.slice(0, 200) ?? null,
    });
    await audit(m, staffActor(tenantId, s.staffUserId), {
      action: 'sign-in.succeeded',
      subjectType: 'staff-session',
      subjectId: sessionId,
      allowed: true,
      reason: s.issuer.slice(0, 200),
    });
    return sessionId;
  });
  return { id, secret };
}

/** A refused sign-in in the ledger (the tenant is known; the person perhaps not). */
export async function recordRefusedSignIn(
  db: Db,
  tenantId: string,
  subjectId: string,
  reason: string,
  staffUserId: string | null = null,
): Promise<void> {
  const actor = staffUserId ? staffActor(tenantId, staffUserId) : system(tenantId);
  await audit(db, actor, {
    action: 'sign-in.refused',
    subjectType: 'sign-in',
    subjectId,
    allowed: false,
    reason: reason.slice(0, 300),
  });
}

/** Sign out: end the session the secret names (in its tenant); the session's issuer, or null if none was open. */
export async function signOut(ds: DataSource, tenantId: string, secret: string): Promise<{ issuer: string } | null> {
  return ds.transaction(async (m) => {
    const ended = await sessionRepository.endSessionByHash(m, tenantId, hashCredential(secret), 'sign-out');
    if (!ended) return null;
    await audit(m, staffActor(tenantId, ended.staffUserId), {
      action: 'sign-out',
      subjectType: 'staff-session',
      subjectId: ended.id,
      allowed: true,
    });
    return { issuer: ended.issuer };
  });
}

const staffOnly = (p: Principal): Extract<Principal, { kind: 'staff' }> => {
  if (p.kind !== 'staff') throw forbidden('sessions belong to staff users');
  return p;
};

/** The caller's own sessions, newest first; `current` marks the one whose secret the request holds. */
export const mySessions = (db: Db, p: Principal, currentSecret: string | null = null): Promise<StaffSessionRow[]> =>
  sessionRepository.sessionsOf(
    db,
    p.tenantId,
    staffOnly(p).userId,
    currentSecret ? hashCredential(currentSecret) : null,
  );

/** End one of the caller's own sessions. */
export async function endMySession(ds: DataSource, p: Principal, sessionId: string): Promise<void> {
  const me = staffOnly(p);
  sessionId = uuid(sessionId, 'sessionId');
  await ds.transaction(async (m) => {
    if (!(await sessionRepository.endSession(m, p.tenantId, sessionId, me.userId, 'ended-by-user'))) {
      throw notFound('open session', sessionId);
    }
    await audit(m, p, {
      action: 'session.ended',
      subjectType: 'staff-session',
      subjectId: sessionId,
      allowed: true,
      reason: 'ended-by-user',
    });
  });
}

/** A tenant administrator ends every open session of a staff user; the number ended. */
export async function endStaffSessions(ds: DataSource, p: Principal, staffUserId: string): Promise<number> {
  assertAdministers(p);
  staffUserId = uuid(staffUserId, 'staffUserId');
  return ds.transaction(async (m) => {
    const [user] = await staffRepository.byIds(m, p.tenantId, [staffUserId]);
    if (!user) throw notFound('staff user', staffUserId);
    const ended = await sessionRepository.endSessionsOf(m, p.tenantId, staffUserId, 'ended-by-admin');
    for (const id of ended) {
      await audit(m, p, {
        action: 'session.ended',
        subjectType: 'staff-session',
        subjectId: id,
        allowed: true,
        reason: 'ended-by-admin',
      });
    }
    return ended.length;
  });
}

/** A tenant administrator lists a staff user's sessions. */
export function sessionsOfStaff(db: Db, p: Principal, staffUserId: string): Promise<StaffSessionRow[]> {
  assertAdministers(p);
  return sessionRepository.sessionsOf(db, p.tenantId, uuid(staffUserId, 'staffUserId'));
}
