import { DESK_OPTIONS } from '@covered/ui'

export const ROLE_OPTIONS = [
  { value: 'ENGINEER', label: 'Engineer: works tickets, drafts quotes, logs time' },
  { value: 'ADMIN', label: 'Admin: everything, including the team and settings' },
] as const

/** Desks for a role: an engineer must have one, an admin may have none. */
export function deskOptions(role: string) {
  return role === 'ADMIN' ? [{ value: '', label: 'No desk' }, ...DESK_OPTIONS] : [...DESK_OPTIONS]
}

export const DESK_REQUIRED = 'Choose the desk this engineer works on.'
