import { useQuery } from '@tanstack/react-query';
import { gql } from '../../api';
import { useToken } from '../../session';
import { graphql } from '../../gql';

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

export const AREAS = graphql(`
  query AdminAreas {
    coordinationAreas {
      id
      name
      kind
    }
    regionalAreas {
      id
      name
      coordinationAreaId
      fte
      caseloadKey
      contactPhone
      contactEmail
    }
  }
`);
graphql(`
  fragment AdminStaffFields on StaffUser {
    id
    displayName
    email
    role
    regionId
    coordinationAreaId
    fte
    active
  }
`);
export const STAFF_PAGE = graphql(`
  query AdminStaff($first: Int!, $after: ID) {
    staffUserPage(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...AdminStaffFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
export const STAFF_ALL = graphql(`
  query AdminStaffAll {
    staffUsers {
      ...AdminStaffFields
    }
  }
`);
export const AGENCIES = graphql(`
  query AdminAgencies {
    administeredAgencies {
      id
      name
      kind
      legalDomain
      channel
      webhookUrl
      statusUrl
      contactPhone
      contactEmail
      contactAddress
      contactHours
      services {
        id
        code
        name
        lifeDomain
        responseDays
        integrationCourse
        fundingLine
      }
    }
  }
`);
export const CREDENTIALS = graphql(`
  query AdminCredentials {
    credentials {
      id
      staffUserId
      agencyId
      prefix
      label
      createdAt
      lastUsedAt
      expiresAt
      revokedAt
      state
    }
  }
`);

export const CREATE_COORDINATION_AREA = graphql(`
  mutation CreateCoordinationArea($input: CoordinationAreaInput!) {
    createCoordinationArea(input: $input) {
      id
    }
  }
`);
export const RENAME_COORDINATION_AREA = graphql(`
  mutation RenameCoordinationArea($id: ID!, $name: String!) {
    renameCoordinationArea(id: $id, name: $name) {
      id
    }
  }
`);
export const CREATE_REGION = graphql(`
  mutation CreateRegionalArea($input: RegionalAreaInput!) {
    createRegionalArea(input: $input) {
      id
    }
  }
`);
export const UPDATE_REGION = graphql(`
  mutation UpdateRegionalArea($id: ID!, $input: RegionalAreaUpdate!) {
    updateRegionalArea(id: $id, input: $input) {
      id
    }
  }
`);
export const CREATE_STAFF = graphql(`
  mutation CreateStaffUser($input: StaffUserInput!) {
    createStaffUser(input: $input) {
      id
    }
  }
`);
export const UPDATE_STAFF = graphql(`
  mutation UpdateStaffUser($id: ID!, $input: StaffUserUpdate!) {
    updateStaffUser(id: $id, input: $input) {
      id
      active
    }
  }
`);
export const CREATE_AGENCY = graphql(`
  mutation CreateAgency($input: AgencyInput!) {
    createAgency(input: $input) {
      agencyId
      webhookSecret
      statusUrl
    }
  }
`);
export const UPDATE_AGENCY = graphql(`
  mutation UpdateAgency($id: ID!, $input: AgencyUpdate!) {
    updateAgency(id: $id, input: $input) {
      id
    }
  }
`);
export const CREATE_SERVICE = graphql(`
  mutation CreateService($input: ServiceInput!) {
    createService(input: $input) {
      id
    }
  }
`);
export const UPDATE_SERVICE = graphql(`
  mutation UpdateService($id: ID!, $input: ServiceUpdate!) {
    updateService(id: $id, input: $input) {
      id
    }
  }
`);
graphql(`
  fragment IssuedCredential on IssuedCredential {
    secret
    credential {
      id
      prefix
    }
  }
`);
export const ISSUE_CREDENTIAL = graphql(`
  mutation IssueCredential($owner: CredentialOwnerInput!, $label: String, $validDays: Int) {
    issueCredential(owner: $owner, label: $label, validDays: $validDays) {
      ...IssuedCredential
    }
  }
`);
export const REVOKE_CREDENTIAL = graphql(`
  mutation RevokeCredential($id: ID!) {
    revokeCredential(id: $id) {
      id
      state
    }
  }
`);
export const EXPIRE_CREDENTIAL = graphql(`
  mutation ExpireCredential($id: ID!) {
    expireCredential(id: $id) {
      id
      state
    }
  }
`);
export const ROTATE_CREDENTIAL = graphql(`
  mutation RotateCredential($id: ID!, $overlapSeconds: Int!) {
    rotateCredential(id: $id, overlapSeconds: $overlapSeconds) {
      ...IssuedCredential
    }
  }
`);

export function useAreas() {
  const token = useToken();
  return useQuery({
    queryKey: ['admin', 'areas'],
    queryFn: async () => (await gql(token, AREAS)).data,
  });
}

export function useAgencies() {
  const token = useToken();
  return useQuery({
    queryKey: ['admin', 'agencies'],
    queryFn: async () => (await gql(token, AGENCIES)).data.administeredAgencies,
  });
}

export function useAllStaff() {
  const token = useToken();
  return useQuery({
    queryKey: ['admin', 'staff-all'],
    queryFn: async () => (await gql(token, STAFF_ALL)).data.staffUsers,
  });
}
