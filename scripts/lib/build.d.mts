export const root: string
export function spaIsStale(app: 'admin' | 'portal'): boolean
export function buildSpas(options?: { force?: boolean; log?: (line: string) => void }): Promise<void>
export function buildApi(): Promise<string>
