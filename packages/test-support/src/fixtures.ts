/** A newcomer as a case manager would enter them at intake. */
export const newcomer = (over: Record<string, unknown> = {}) => ({
  name: { givenNames: 'Amina', familyName: 'Al-Hassan', originalScript: 'أمينة الحسن' },
  birthDate: '1994-01-01',
  birthDatePrecision: 'PLACEHOLDER',
  sex: 'female',
  nationality: 'SYR',
  languages: ['ar'],
  residenceStatus: 'Aufenthaltserlaubnis § 25 Abs. 2 AufenthG',
  municipality: 'Rheine',
  arrivalDate: '2024-03-11',
  ...over,
});

export const OPEN_CASE = /* GraphQL */ `
  mutation Open($input: OpenCaseInput!) {
    openCase(input: $input) {
      id
      reference
      phase
    }
  }
`;
export const RECORD_CONSENT = /* GraphQL */ `
  mutation Consent($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      id
      categories
    }
  }
`;
export const CREATE_REFERRAL = /* GraphQL */ `
  mutation Create($input: CreateReferralInput!) {
    createReferral(input: $input) {
      id
      status
    }
  }
`;
export const SEND_REFERRAL = /* GraphQL */ `
  mutation Send($id: ID!) {
    sendReferral(referralId: $id) {
      id
      status
      respondBy
      deliveryState
    }
  }
`;

export function consentFor(caseId: string, agencyId: string, over: Record<string, unknown> = {}) {
  return {
    caseId,
    recipientAgencyId: agencyId,
    purposes: ['REFERRAL'],
    categories: ['IDENTITY', 'CONTACT'],
    validFrom: '2026-01-01',
    validUntil: '2028-12-31',
    evidence: {
      formVersion: 'KIM-EW-2024-1',
      signedOn: '2026-01-01',
      explainedInLanguage: 'ar',
      interpreterUsed: true,
    },
    ...over,
  };
}

/** A page of cases with everything a case list shows: person, staff, region, plan, needs, referrals, timeline. */
export const FULL_CASE_PAGE = /* GraphQL */ `
  query ($first: Int!, $after: String) {
    cases(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          reference
          phase
          person {
            familyName
          }
          caseManager {
            displayName
          }
          region {
            name
          }
          plan {
            goals {
              description
            }
          }
          needs {
            domain
          }
          referrals {
            status
            deliveryState
            service {
              name
              agency {
                name
              }
            }
          }
          timeline {
            kind
            occurredAt
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
