import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '@kim/core';
import type { StaffRole } from '@kim/contracts';
import { DATA_SOURCE } from '../common/tokens.js';

interface PrincipalRow {
  kind: 'staff' | 'agency';
  tenant_id: string;
  id: string;
  role: string | null;
  display_name: string;
  region_id: string | null;
  coordination_area_id: string | null;
  may_override: boolean;
  agency_kind: string | null;
}

/**
 * Turns a bearer token into a principal. Staff users and agencies each have their own
 * credential; only the SHA-256 of a credential is stored, and the tenant comes from it. The
 * lookup happens before any tenant is known, so it goes through the one database function
 * that may look across tenants (row-level security fences everything else).
 */
@Injectable()
export class PrincipalService {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async fromAuthorization(header: string | undefined): Promise<Principal | null> {
    const match = /^Bearer\s+(\S{8,512})$/i.exec(header ?? '');
    if (!match) return null;
    const hash = createHash('sha256').update(match[1]!).digest('hex');
    const [row] = await this.ds.query<PrincipalRow[]>(`SELECT * FROM kim_principal_by_token_hash($1)`, [hash]);
    if (!row) return null;
    if (row.kind === 'staff') {
      return {
        kind: 'staff',
        tenantId: row.tenant_id,
        userId: row.id,
        role: row.role as StaffRole,
        displayName: row.display_name,
        regionId: row.region_id,
        coordinationAreaId: row.coordination_area_id,
        mayOverride: row.may_override,
      };
    }
    return {
      kind: 'agency',
      tenantId: row.tenant_id,
      agencyId: row.id,
      agencyKind: row.agency_kind!,
      name: row.display_name,
    };
  }
}
