// Moved to @covered/ui; this re-export keeps other branches' imports working until they are merged.
export { useKeysetList } from '@covered/ui'
