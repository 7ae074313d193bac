// Moved to @covered/ui/reports; this re-export keeps other branches' imports working until they are merged.
export { ReportFailure, failure, useReport } from '@covered/ui/reports'
