// Moved to @covered/ui/testing; this re-export keeps other branches' imports working until they are merged.
export * from '@covered/ui/testing'
