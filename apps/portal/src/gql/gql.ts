/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation PortalLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on MutationLoginSuccess {\n        viewer {\n          ...PortalViewer\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          message\n        }\n      }\n    }\n  }\n": typeof types.PortalLoginDocument,
    "\n  query PortalOrganisation {\n    viewer {\n      __typename\n      ... on Contact {\n        id\n        name\n        email\n        isCustomerAdmin\n        customer {\n          id\n          name\n          status\n          homeDesk\n          currency\n        }\n      }\n      ... on StaffUser {\n        id\n        name\n      }\n    }\n  }\n": typeof types.PortalOrganisationDocument,
    "\n  fragment PortalViewer on Viewer {\n    __typename\n    ... on Contact {\n      id\n      name\n      email\n      customer {\n        id\n        name\n      }\n    }\n    ... on StaffUser {\n      id\n      name\n      email\n    }\n  }\n": typeof types.PortalViewerFragmentDoc,
    "\n  query PortalViewer {\n    viewer {\n      ...PortalViewer\n    }\n  }\n": typeof types.PortalViewerDocument,
    "\n  mutation PortalLogout {\n    logout\n  }\n": typeof types.PortalLogoutDocument,
};
const documents: Documents = {
    "\n  mutation PortalLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on MutationLoginSuccess {\n        viewer {\n          ...PortalViewer\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          message\n        }\n      }\n    }\n  }\n": types.PortalLoginDocument,
    "\n  query PortalOrganisation {\n    viewer {\n      __typename\n      ... on Contact {\n        id\n        name\n        email\n        isCustomerAdmin\n        customer {\n          id\n          name\n          status\n          homeDesk\n          currency\n        }\n      }\n      ... on StaffUser {\n        id\n        name\n      }\n    }\n  }\n": types.PortalOrganisationDocument,
    "\n  fragment PortalViewer on Viewer {\n    __typename\n    ... on Contact {\n      id\n      name\n      email\n      customer {\n        id\n        name\n      }\n    }\n    ... on StaffUser {\n      id\n      name\n      email\n    }\n  }\n": types.PortalViewerFragmentDoc,
    "\n  query PortalViewer {\n    viewer {\n      ...PortalViewer\n    }\n  }\n": types.PortalViewerDocument,
    "\n  mutation PortalLogout {\n    logout\n  }\n": types.PortalLogoutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on MutationLoginSuccess {\n        viewer {\n          ...PortalViewer\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PortalLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on MutationLoginSuccess {\n        viewer {\n          ...PortalViewer\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalOrganisation {\n    viewer {\n      __typename\n      ... on Contact {\n        id\n        name\n        email\n        isCustomerAdmin\n        customer {\n          id\n          name\n          status\n          homeDesk\n          currency\n        }\n      }\n      ... on StaffUser {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalOrganisation {\n    viewer {\n      __typename\n      ... on Contact {\n        id\n        name\n        email\n        isCustomerAdmin\n        customer {\n          id\n          name\n          status\n          homeDesk\n          currency\n        }\n      }\n      ... on StaffUser {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PortalViewer on Viewer {\n    __typename\n    ... on Contact {\n      id\n      name\n      email\n      customer {\n        id\n        name\n      }\n    }\n    ... on StaffUser {\n      id\n      name\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment PortalViewer on Viewer {\n    __typename\n    ... on Contact {\n      id\n      name\n      email\n      customer {\n        id\n        name\n      }\n    }\n    ... on StaffUser {\n      id\n      name\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalViewer {\n    viewer {\n      ...PortalViewer\n    }\n  }\n"): (typeof documents)["\n  query PortalViewer {\n    viewer {\n      ...PortalViewer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalLogout {\n    logout\n  }\n"): (typeof documents)["\n  mutation PortalLogout {\n    logout\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;