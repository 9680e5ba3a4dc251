export * from './contracts.js';
export * from './webhooks.js';
export * from './status.js';
export * from './graphql.js';
export * from './polling.js';
export * from './agency.js';
// Typed GraphQL operations, generated from the hub's schema.graphql.
export {
  AgenciesDocument,
  AgencyCaseDocument,
  AgencyCasesDocument,
  MyDeliveriesDocument,
  ReferralChangesDocument,
  SendTestEventDocument,
  TypedDocumentString,
  ViewerDocument,
} from './generated/graphql.js';
export type {
  AgenciesQuery,
  AgenciesQueryVariables,
  AgencyCaseQuery,
  AgencyCaseQueryVariables,
  AgencyCasesQuery,
  AgencyCasesQueryVariables,
  MyDeliveriesQuery,
  MyDeliveriesQueryVariables,
  ReferralChangesQuery,
  ReferralChangesQueryVariables,
  SendTestEventMutation,
  ViewerQuery,
} from './generated/graphql.js';
/** GraphQL enum types (upper case, e.g. IN_PROGRESS), apart from the wire values of messages (in-progress). */
export type * as GraphQLTypes from './generated/graphql.js';
