import { z } from 'zod';

/**
 * Single sign-on for staff (OpenID Connect): which identity provider each tenant's staff sign in
 * with. OIDC_PROVIDERS is a JSON object from tenant slug to provider; the key "*" is the
 * deployment's provider for every tenant without its own. Validated here, once, with errors that
 * name the tenant and the field.
 */

/** Roles a provider's claim may give a provisioned account: never an administrator's or operator's. */
export const PROVISIONABLE_ROLES = ['case-manager', 'coordinator'] as const;
export type ProvisionableRole = (typeof PROVISIONABLE_ROLES)[number];

const claimName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.:/-]{0,99}$/, 'a claim name (letters, digits, _ . : / -)');

export const oidcProviderSchema = z
  .object({
    /** The provider's issuer (its discovery document is at <issuer>/.well-known/openid-configuration). */
    issuer: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    clientId: z.string().min(1).max(200),
    /** The client secret (client_secret_basic); omit for a public client (PKCE only). */
    clientSecret: z.string().min(1).max(500).optional(),
    /** Scopes asked for; "openid" is always included. */
    scope: z
      .string()
      .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'scopes separated by single spaces')
      .default('openid email profile'),
    /** Shown on the console's sign-in button beside the standard text, e.g. "Kreis Steinfurt". */
    label: z.string().min(1).max(100).optional(),
    /** Which claims carry what. Role and areas are read from claims only when named here. */
    claims: z
      .object({
        name: claimName.default('name'),
        email: claimName.default('email'),
        role: claimName.optional(),
        /** A regional area's name (or id) in the tenant. */
        region: claimName.optional(),
        /** A coordination area's name (or id) in the tenant. */
        coordinationArea: claimName.optional(),
      })
      .strict()
      .prefault({}),
    /** The provider's role values and the hub role each stands for; unset: the values are the hub's names. */
    roles: z.record(z.string().min(1).max(200), z.enum(PROVISIONABLE_ROLES)).optional(),
    /**
     * An unknown subject whose verified e-mail is an active staff user's (without a sign-in of its
     * own yet) is bound to that user. For a provider the tenant trusts to verify e-mail addresses.
     */
    matchEmail: z.boolean().default(false),
    /** An unknown subject becomes a staff user from the claims (needs claims.role). */
    provision: z.boolean().default(false),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.provision && !p.claims.role) {
      ctx.addIssue({ code: 'custom', path: ['claims', 'role'], message: 'required when provision is true' });
    }
  });

export type OidcProvider = z.infer<typeof oidcProviderSchema>;

const TENANT_KEY = /^(\*|[a-z0-9][a-z0-9-]{0,62})$/;

export const oidcProvidersSchema = z.record(z.string(), oidcProviderSchema).superRefine((providers, ctx) => {
  for (const key of Object.keys(providers)) {
    if (!TENANT_KEY.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'not a tenant slug or "*"' });
  }
});
export type OidcProviders = z.infer<typeof oidcProvidersSchema>;

/** OIDC_PROVIDERS as text in the environment: JSON, then the schema above. */
export const oidcProvidersEnv = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `not JSON: ${(e as Error).message}` });
      return z.NEVER;
    }
  })
  .pipe(oidcProvidersSchema);

/** The provider a tenant's staff sign in with: its own, else the deployment's ("*"), else none. */
export function oidcProviderFor(providers: OidcProviders | undefined, tenantSlug: string): OidcProvider | null {
  return providers?.[tenantSlug] ?? providers?.['*'] ?? null;
}
