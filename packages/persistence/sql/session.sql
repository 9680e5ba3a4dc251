-- bindOidc
UPDATE staff_users SET oidc_issuer = $3, oidc_subject = $4
 WHERE tenant_id = $1 AND id = $2 AND oidc_subject IS NULL;

-- endSession
UPDATE staff_sessions SET ended_at = now(), end_reason = $4
 WHERE tenant_id = $1 AND id = $2 AND ($3::uuid IS NULL OR staff_user_id = $3) AND ended_at IS NULL
RETURNING id;

-- endSessionByHash
UPDATE staff_sessions SET ended_at = now(), end_reason = $3
 WHERE tenant_id = $1 AND hash = $2 AND ended_at IS NULL
RETURNING id, staff_user_id AS "staffUserId", issuer;

-- endSessionsOf
UPDATE staff_sessions SET ended_at = now(), end_reason = $3
 WHERE tenant_id = $1 AND staff_user_id = $2 AND ended_at IS NULL
RETURNING id;

-- insertFlow
INSERT INTO sign_in_flows (tenant_id, hash, state, nonce, code_verifier, return_to, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))
RETURNING id;

-- insertSession
INSERT INTO staff_sessions (tenant_id, staff_user_id, hash, issuer, idle_seconds, expires_at, user_agent)
VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6), $7)
RETURNING id;

-- principalBySessionHash (prepared)
SELECT * FROM kim_principal_by_session_hash($1);

-- purgeFlows
DELETE FROM sign_in_flows WHERE tenant_id = $1 AND expires_at < now();

-- sessionsOf
SELECT id, staff_user_id AS "staffUserId", issuer, created_at AS "createdAt", last_seen_at AS "lastSeenAt",
       expires_at AS "expiresAt", ended_at AS "endedAt", end_reason AS "endReason", user_agent AS "userAgent", hash IS NOT DISTINCT FROM $3 AS current
  FROM staff_sessions WHERE tenant_id = $1 AND staff_user_id = $2
 ORDER BY created_at DESC LIMIT 50;

-- staffByOidc
SELECT id, deactivated_at AS "deactivatedAt"
  FROM staff_users WHERE tenant_id = $1 AND oidc_issuer = $2 AND oidc_subject = $3;

-- takeFlow
DELETE FROM sign_in_flows WHERE tenant_id = $1 AND hash = $2
RETURNING id, state, nonce, code_verifier AS "codeVerifier", return_to AS "returnTo", expires_at > now() AS fresh;

-- unboundStaffByEmail
SELECT id, deactivated_at AS "deactivatedAt"
  FROM staff_users WHERE tenant_id = $1 AND email = $2 AND oidc_subject IS NULL;

