import { execute, maybeOne, rows, statement, type Db } from './statement.js';
import type { PrincipalRow } from './principal.js';

/** A sign-in under way, as the callback takes it (once). */
export interface SignInFlowRow {
  id: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** Still within its ten minutes. */
  fresh: boolean;
}

/** A staff user's session as they (or a tenant administrator) list it. */
export interface StaffSessionRow {
  id: string;
  staffUserId: string;
  issuer: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  userAgent: string | null;
  /** The session of the request that asks. */
  current: boolean;
}

/** The staff user behind a session: the principal columns plus the session and how long it holds. */
export interface SessionPrincipalRow extends Omit<PrincipalRow, 'credential_id' | 'credential_expires_at'> {
  session_id: string;
  valid_until: Date;
}

/** A staff user as single sign-on finds them. */
export interface SignInStaffRow {
  id: string;
  deactivatedAt: Date | null;
}

const insertFlow = statement<{ id: string }, [string, string, string, string, string, string, number]>(
  'session',
  'insertFlow',
  `
  INSERT INTO sign_in_flows (tenant_id, hash, state, nonce, code_verifier, return_to, expires_at)
  VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))
  RETURNING id`,
);

// Used once: taking a flow deletes it, so a replayed callback finds nothing.
const takeFlow = statement<SignInFlowRow, [string, string]>(
  'session',
  'takeFlow',
  `
  DELETE FROM sign_in_flows WHERE tenant_id = $1 AND hash = $2
  RETURNING id, state, nonce, code_verifier AS "codeVerifier", return_to AS "returnTo", expires_at > now() AS fresh`,
);

const purgeFlows = statement<never, [string]>(
  'session',
  'purgeFlows',
  `
  DELETE FROM sign_in_flows WHERE tenant_id = $1 AND expires_at < now()`,
);

const staffByOidc = statement<SignInStaffRow, [string, string, string]>(
  'session',
  'staffByOidc',
  `
  SELECT id, deactivated_at AS "deactivatedAt"
    FROM staff_users WHERE tenant_id = $1 AND oidc_issuer = $2 AND oidc_subject = $3`,
);

const unboundStaffByEmail = statement<SignInStaffRow, [string, string]>(
  'session',
  'unboundStaffByEmail',
  `
  SELECT id, deactivated_at AS "deactivatedAt"
    FROM staff_users WHERE tenant_id = $1 AND email = $2 AND oidc_subject IS NULL`,
);

const bindOidc = statement<never, [string, string, string, string]>(
  'session',
  'bindOidc',
  `
  UPDATE staff_users SET oidc_issuer = $3, oidc_subject = $4
   WHERE tenant_id = $1 AND id = $2 AND oidc_subject IS NULL`,
);

const insertSession = statement<{ id: string }, [string, string, string, string, number, number, string | null]>(
  'session',
  'insertSession',
  `
  INSERT INTO staff_sessions (tenant_id, staff_user_id, hash, issuer, idle_seconds, expires_at, user_agent)
  VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6), $7)
  RETURNING id`,
);

// The one database function that may look across tenants for a session: no tenant is known before this.
const principalBySessionHash = statement<SessionPrincipalRow, [string]>(
  'session',
  'principalBySessionHash',
  `
  SELECT * FROM kim_principal_by_session_hash($1)`,
  { prepared: true },
);

const SESSION_COLUMNS = `id, staff_user_id AS "staffUserId", issuer, created_at AS "createdAt", last_seen_at AS "lastSeenAt",
         expires_at AS "expiresAt", ended_at AS "endedAt", end_reason AS "endReason", user_agent AS "userAgent"`;

const sessionsOf = statement<StaffSessionRow, [string, string, string | null]>(
  'session',
  'sessionsOf',
  `
  SELECT ${SESSION_COLUMNS}, hash IS NOT DISTINCT FROM $3 AS current
    FROM staff_sessions WHERE tenant_id = $1 AND staff_user_id = $2
   ORDER BY created_at DESC LIMIT 50`,
);

const endSession = statement<{ id: string }, [string, string, string | null, string]>(
  'session',
  'endSession',
  `
  UPDATE staff_sessions SET ended_at = now(), end_reason = $4
   WHERE tenant_id = $1 AND id = $2 AND ($3::uuid IS NULL OR staff_user_id = $3) AND ended_at IS NULL
  RETURNING id`,
);

const endSessionByHash = statement<{ id: string; staffUserId: string; issuer: string }, [string, string, string]>(
  'session',
  'endSessionByHash',
  `
  UPDATE staff_sessions SET ended_at = now(), end_reason = $3
   WHERE tenant_id = $1 AND hash = $2 AND ended_at IS NULL
  RETURNING id, staff_user_id AS "staffUserId", issuer`,
);

const endSessionsOf = statement<{ id: string }, [string, string, string]>(
  'session',
  'endSessionsOf',
  `
  UPDATE staff_sessions SET ended_at = now(), end_reason = $3
   WHERE tenant_id = $1 AND staff_user_id = $2 AND ended_at IS NULL
  RETURNING id`,
);

/** Single sign-on: sign-ins under way, the accounts they find, and the sessions they start. */
export const sessionRepository = {
  insertFlow: async (
    db: Db,
    tenantId: string,
    f: { hash: string; state: string; nonce: string; codeVerifier: string; returnTo: string; ttlSeconds: number },
  ) =>
    (await rows(db, insertFlow, [tenantId, f.hash, f.state, f.nonce, f.codeVerifier, f.returnTo, f.ttlSeconds]))[0]!.id,
  takeFlow: (db: Db, tenantId: string, hash: string) => maybeOne(db, takeFlow, [tenantId, hash]),
  purgeFlows: (db: Db, tenantId: string) => execute(db, purgeFlows, [tenantId]),
  staffByOidc: (db: Db, tenantId: string, issuer: string, subject: string) =>
    maybeOne(db, staffByOidc, [tenantId, issuer, subject]),
  unboundStaffByEmail: (db: Db, tenantId: string, email: string) =>
    maybeOne(db, unboundStaffByEmail, [tenantId, email]),
  /** Bind a staff user to a provider's subject; 0 when the user has one already. */
  bindOidc: (db: Db, tenantId: string, staffUserId: string, issuer: string, subject: string) =>
    execute(db, bindOidc, [tenantId, staffUserId, issuer, subject]),
  insertSession: async (
    db: Db,
    tenantId: string,
    s: {
      staffUserId: string;
      hash: string;
      issuer: string;
      idleSeconds: number;
      absoluteSeconds: number;
      userAgent: string | null;
    },
  ) =>
    (
      await rows(db, insertSession, [
        tenantId,
        s.staffUserId,
        s.hash,
        s.issuer,
        s.idleSeconds,
        s.absoluteSeconds,
        s.userAgent,
      ])
    )[0]!.id,
  principalBySessionHash: (db: Db, hash: string) => maybeOne(db, principalBySessionHash, [hash]),
  /** A staff user's newest 50 sessions, open and ended. */
  sessionsOf: (db: Db, tenantId: string, staffUserId: string, currentHash: string | null = null) =>
    rows(db, sessionsOf, [tenantId, staffUserId, currentHash]),
  /** End one session (of this staff user, when named); false when there was no open one. */
  endSession: async (db: Db, tenantId: string, id: string, ofStaffUser: string | null, reason: string) =>
    (await rows(db, endSession, [tenantId, id, ofStaffUser, reason])).length > 0,
  endSessionByHash: (db: Db, tenantId: string, hash: string, reason: string) =>
    maybeOne(db, endSessionByHash, [tenantId, hash, reason]),
  /** End every open session of a staff user; the ids ended. */
  endSessionsOf: async (db: Db, tenantId: string, staffUserId: string, reason: string) =>
    (await rows(db, endSessionsOf, [tenantId, staffUserId, reason])).map((r) => r.id),
};
