import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AgencyEntity, StaffUserEntity } from '@kim/persistence';
import type { Principal } from '@kim/core';
import type { StaffRole } from '@kim/contracts';
import { DATA_SOURCE } from '../common/tokens.js';

/**
 * Turns a bearer token into a principal. Staff users and agencies each have their own
 * credential; only the SHA-256 of a credential is stored, and the tenant comes from it.
 */
@Injectable()
export class PrincipalService {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async fromAuthorization(header: string | undefined): Promise<Principal | null> {
    const match = /^Bearer\s+(\S{8,512})$/i.exec(header ?? '');
    if (!match) return null;
    const hash = createHash('sha256').update(match[1]!).digest('hex');
    const staff = await this.ds.getRepository(StaffUserEntity).findOne({ where: { tokenHash: hash } });
    if (staff) {
      return {
        kind: 'staff',
        tenantId: staff.tenantId,
        userId: staff.id,
        role: staff.role as StaffRole,
        displayName: staff.displayName,
        regionId: staff.regionId,
        coordinationAreaId: staff.coordinationAreaId,
      };
    }
    const agency = await this.ds.getRepository(AgencyEntity).findOne({ where: { apiKeyHash: hash } });
    if (agency)
      return {
        kind: 'agency',
        tenantId: agency.tenantId,
        agencyId: agency.id,
        agencyKind: agency.kind,
        name: agency.name,
      };
    return null;
  }
}
