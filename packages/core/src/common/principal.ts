import { ActorRole, StaffRole } from '@kim/contracts';

/** Who is calling. The tenant always comes from here, never from input. */
export type Principal =
  | {
      kind: 'staff';
      tenantId: string;
      userId: string;
      role: StaffRole;
      displayName: string;
      regionId: string | null;
      coordinationAreaId: string | null;
      /** Holds the separate break-glass permission (see overrides). */
      mayOverride?: boolean;
    }
  | { kind: 'agency'; tenantId: string; agencyId: string; agencyKind: string; name: string }
  | { kind: 'system'; tenantId: string };

export function actorRoleOf(p: Principal): ActorRole {
  switch (p.kind) {
    case 'agency':
      return ActorRole.AGENCY;
    case 'system':
      return ActorRole.SYSTEM;
    case 'staff':
      return p.role === StaffRole.COORDINATOR ? ActorRole.COORDINATOR : ActorRole.CASE_MANAGER;
  }
}

export function actorIdOf(p: Principal): string | null {
  return p.kind === 'staff' ? p.userId : p.kind === 'agency' ? p.agencyId : null;
}
