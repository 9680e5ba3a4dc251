import { useQuery } from '@tanstack/react-query';
import { gql } from '../../api';
import { useToken } from '../../session';

/** What the administration screens read and change, as the hub's GraphQL administration names it. */

export interface CoordinationArea {
  id: string;
  name: string;
  kind: string;
}
export interface RegionalArea {
  id: string;
  name: string;
  coordinationAreaId: string;
  fte: number;
  caseloadKey: number;
  contactPhone: string | null;
  contactEmail: string | null;
}
export interface StaffUser {
  id: string;
  displayName: string;
  email: string;
  role: string;
  regionId: string | null;
  coordinationAreaId: string | null;
  fte: number | null;
  active: boolean;
}
export interface Service {
  id: string;
  code: string;
  name: string;
  lifeDomain: string;
  responseDays: number;
  integrationCourse: boolean;
  fundingLine: string | null;
}
export interface Agency {
  id: string;
  name: string;
  kind: string;
  legalDomain: string;
  channel: string;
  webhookUrl: string | null;
  statusUrl: string;
  contactPhone: string | null;
  contactEmail: string | null;
  contactAddress: string | null;
  contactHours: string | null;
  services: Service[];
}
export interface Credential {
  id: string;
  staffUserId: string | null;
  agencyId: string | null;
  prefix: string | null;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  state: string;
}

const AREA_FIELDS = `coordinationAreas { id name kind }
  regionalAreas { id name coordinationAreaId fte caseloadKey contactPhone contactEmail }`;
export const AREAS = `query AdminAreas { ${AREA_FIELDS} }`;
const STAFF_FIELDS = 'id displayName email role regionId coordinationAreaId fte active';
export const STAFF_PAGE = `query AdminStaff($first: Int!, $after: ID) {
  staffUserPage(first: $first, after: $after) {
    edges { cursor node { ${STAFF_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;
export const STAFF_ALL = `query AdminStaffAll { staffUsers { ${STAFF_FIELDS} } }`;
const SERVICE_FIELDS = 'id code name lifeDomain responseDays integrationCourse fundingLine';
const AGENCY_FIELDS = `id name kind legalDomain channel webhookUrl statusUrl contactPhone contactEmail contactAddress
  contactHours services { ${SERVICE_FIELDS} }`;
export const AGENCIES = `query AdminAgencies { administeredAgencies { ${AGENCY_FIELDS} } }`;
export const CREDENTIALS = `query AdminCredentials {
  credentials { id staffUserId agencyId prefix label createdAt lastUsedAt expiresAt revokedAt state }
}`;

export const CREATE_COORDINATION_AREA = `mutation CreateCoordinationArea($input: CoordinationAreaInput!) {
  createCoordinationArea(input: $input) { id }
}`;
export const RENAME_COORDINATION_AREA = `mutation RenameCoordinationArea($id: ID!, $name: String!) {
  renameCoordinationArea(id: $id, name: $name) { id }
}`;
export const CREATE_REGION = `mutation CreateRegionalArea($input: RegionalAreaInput!) {
  createRegionalArea(input: $input) { id }
}`;
export const UPDATE_REGION = `mutation UpdateRegionalArea($id: ID!, $input: RegionalAreaUpdate!) {
  updateRegionalArea(id: $id, input: $input) { id }
}`;
export const CREATE_STAFF = `mutation CreateStaffUser($input: StaffUserInput!) { createStaffUser(input: $input) { id } }`;
export const UPDATE_STAFF = `mutation UpdateStaffUser($id: ID!, $input: StaffUserUpdate!) {
  updateStaffUser(id: $id, input: $input) { id active }
}`;
export const CREATE_AGENCY = `mutation CreateAgency($input: AgencyInput!) {
  createAgency(input: $input) { agencyId webhookSecret statusUrl }
}`;
export const UPDATE_AGENCY = `mutation UpdateAgency($id: ID!, $input: AgencyUpdate!) { updateAgency(id: $id, input: $input) { id } }`;
export const CREATE_SERVICE = `mutation CreateService($input: ServiceInput!) { createService(input: $input) { id } }`;
export const UPDATE_SERVICE = `mutation UpdateService($id: ID!, $input: ServiceUpdate!) { updateService(id: $id, input: $input) { id } }`;
const ISSUED = 'secret credential { id prefix }';
export const ISSUE_CREDENTIAL = `mutation IssueCredential($owner: CredentialOwnerInput!, $label: String, $validDays: Int) {
  issueCredential(owner: $owner, label: $label, validDays: $validDays) { ${ISSUED} }
}`;
export const REVOKE_CREDENTIAL = `mutation RevokeCredential($id: ID!) { revokeCredential(id: $id) { id state } }`;
export const EXPIRE_CREDENTIAL = `mutation ExpireCredential($id: ID!) { expireCredential(id: $id) { id state } }`;
export const ROTATE_CREDENTIAL = `mutation RotateCredential($id: ID!, $overlapSeconds: Int!) {
  rotateCredential(id: $id, overlapSeconds: $overlapSeconds) { ${ISSUED} }
}`;

export function useAreas() {
  const token = useToken();
  return useQuery({
    queryKey: ['admin', 'areas'],
    queryFn: async () =>
      (await gql<{ coordinationAreas: CoordinationArea[]; regionalAreas: RegionalArea[] }>(token, AREAS)).data,
  });
}

export function useAgencies() {
  const token = useToken();
  return useQuery({
    queryKey: ['admin', 'agencies'],
    queryFn: async () => (await gql<{ administeredAgencies: Agency[] }>(token, AGENCIES)).data.administeredAgencies,
  });
}

export function useAllStaff() {
  const token = useToken();
  return useQuery({
    queryKey: ['admin', 'staff-all'],
    queryFn: async () => (await gql<{ staffUsers: StaffUser[] }>(token, STAFF_ALL)).data.staffUsers,
  });
}
