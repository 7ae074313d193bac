import { DESK_OPTIONS } from '@covered/ui'

export const ROLE_OPTIONS = [
  { value: 'ENGINEER', label: 'Engineer' },
  { value: 'ADMIN', label: 'Admin' },
] as const

export const ROLE_HINT = 'Engineers work tickets, draft quotes and log time; admins also manage the team and settings.'

/** Desks for a role: an engineer must have one, an admin may have none. */
export function deskOptions(role: string) {
  return role === 'ADMIN' ? [{ value: '', label: 'No desk' }, ...DESK_OPTIONS] : [...DESK_OPTIONS]
}

export const DESK_REQUIRED = 'Choose the desk this engineer works on.'
