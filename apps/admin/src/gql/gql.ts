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
    "\n  mutation AdminLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on MutationLoginSuccess {\n        viewer {\n          ...AdminViewer\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          message\n        }\n      }\n    }\n  }\n": typeof types.AdminLoginDocument,
    "\n  fragment CustomerListItem on Customer {\n    id\n    name\n    status\n    homeDesk\n    currency\n    createdAt\n  }\n": typeof types.CustomerListItemFragmentDoc,
    "\n  query Customers($first: Int!, $after: String, $search: String) {\n    customers(first: $first, after: $after, search: $search) {\n      edges {\n        cursor\n        node {\n          ...CustomerListItem\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.CustomersDocument,
    "\n  mutation CreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on MutationCreateCustomerSuccess {\n        customer {\n          ...CustomerListItem\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          message\n        }\n      }\n    }\n  }\n": typeof types.CreateCustomerDocument,
    "\n  fragment AdminViewer on Viewer {\n    __typename\n    ... on StaffUser {\n      id\n      name\n      email\n      role\n      desk\n    }\n    ... on Contact {\n      id\n      name\n      email\n    }\n  }\n": typeof types.AdminViewerFragmentDoc,
    "\n  query AdminViewer {\n    viewer {\n      ...AdminViewer\n    }\n  }\n": typeof types.AdminViewerDocument,
    "\n  mutation AdminLogout {\n    logout\n  }\n": typeof types.AdminLogoutDocument,
};
const documents: Documents = {
    "\n  mutation AdminLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on MutationLoginSuccess {\n        viewer {\n          ...AdminViewer\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          message\n        }\n      }\n    }\n  }\n": types.AdminLoginDocument,
    "\n  fragment CustomerListItem on Customer {\n    id\n    name\n    status\n    homeDesk\n    currency\n    createdAt\n  }\n": types.CustomerListItemFragmentDoc,
    "\n  query Customers($first: Int!, $after: String, $search: String) {\n    customers(first: $first, after: $after, search: $search) {\n      edges {\n        cursor\n        node {\n          ...CustomerListItem\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.CustomersDocument,
    "\n  mutation CreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on MutationCreateCustomerSuccess {\n        customer {\n          ...CustomerListItem\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          message\n        }\n      }\n    }\n  }\n": types.CreateCustomerDocument,
    "\n  fragment AdminViewer on Viewer {\n    __typename\n    ... on StaffUser {\n      id\n      name\n      email\n      role\n      desk\n    }\n    ... on Contact {\n      id\n      name\n      email\n    }\n  }\n": types.AdminViewerFragmentDoc,
    "\n  query AdminViewer {\n    viewer {\n      ...AdminViewer\n    }\n  }\n": types.AdminViewerDocument,
    "\n  mutation AdminLogout {\n    logout\n  }\n": types.AdminLogoutDocument,
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
export function graphql(source: "\n  mutation AdminLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on MutationLoginSuccess {\n        viewer {\n          ...AdminViewer\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on MutationLoginSuccess {\n        viewer {\n          ...AdminViewer\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CustomerListItem on Customer {\n    id\n    name\n    status\n    homeDesk\n    currency\n    createdAt\n  }\n"): (typeof documents)["\n  fragment CustomerListItem on Customer {\n    id\n    name\n    status\n    homeDesk\n    currency\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Customers($first: Int!, $after: String, $search: String) {\n    customers(first: $first, after: $after, search: $search) {\n      edges {\n        cursor\n        node {\n          ...CustomerListItem\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Customers($first: Int!, $after: String, $search: String) {\n    customers(first: $first, after: $after, search: $search) {\n      edges {\n        cursor\n        node {\n          ...CustomerListItem\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on MutationCreateCustomerSuccess {\n        customer {\n          ...CustomerListItem\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on MutationCreateCustomerSuccess {\n        customer {\n          ...CustomerListItem\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminViewer on Viewer {\n    __typename\n    ... on StaffUser {\n      id\n      name\n      email\n      role\n      desk\n    }\n    ... on Contact {\n      id\n      name\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment AdminViewer on Viewer {\n    __typename\n    ... on StaffUser {\n      id\n      name\n      email\n      role\n      desk\n    }\n    ... on Contact {\n      id\n      name\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminViewer {\n    viewer {\n      ...AdminViewer\n    }\n  }\n"): (typeof documents)["\n  query AdminViewer {\n    viewer {\n      ...AdminViewer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminLogout {\n    logout\n  }\n"): (typeof documents)["\n  mutation AdminLogout {\n    logout\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;