import type { CodegenConfig } from '@graphql-codegen/cli'

// Types come from the committed, printed API schema. COVERED_SCHEMA overrides it (e.g. a draft contract).
const config: CodegenConfig = {
  schema: process.env.COVERED_SCHEMA ?? '../api/schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**', '!src/**/*.test.ts'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, gqlTagName: 'graphql' },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        // As the API serialises them: Date 'YYYY-MM-DD', DateTime ISO 8601 in UTC, SafeInt a JSON number.
        scalars: { Date: 'string', DateTime: 'string', SafeInt: 'number' },
      },
    },
  },
}

export default config
