import { DomainError } from '../errors/index.js'

/** A product release number `X.Y.Z`: major, minor and patch, each a whole number. */
export interface ReleaseVersion {
  readonly major: number
  readonly minor: number
  readonly patch: number
}

/** A new major version (`X.0.0`) is an UPGRADE; anything else is an UPDATE (section 9). */
export const RELEASE_KINDS = ['UPGRADE', 'UPDATE'] as const

/** One of {@link RELEASE_KINDS}. */
export type ReleaseKind = (typeof RELEASE_KINDS)[number]

/** The largest part of a version we accept (keeps every part a small integer in the database). */
export const MAX_VERSION_PART = 99_999

const VERSION_TEXT = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/

/**
 * Reads `X.Y.Z` (e.g. `9.0.0`, `9.1.12`): three whole numbers without leading zeros, separated by dots,
 * nothing else (no `v`, no suffix). `0.0.0` is not a release. Throws VALIDATION saying the expected form.
 */
export function parseReleaseVersion(text: unknown, field = 'version'): ReleaseVersion {
  const trimmed = typeof text === 'string' ? text.trim() : ''
  const match = VERSION_TEXT.exec(trimmed)
  const shown = typeof text === 'string' ? `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"` : String(text)
  if (!match) {
    throw new DomainError('VALIDATION', `Write the version as X.Y.Z with whole numbers, e.g. 9.0.0 or 9.1.2; got ${shown}.`, { field })
  }
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if ([major, minor, patch].some((part) => part > MAX_VERSION_PART)) {
    throw new DomainError('VALIDATION', `Each part of a version is at most ${MAX_VERSION_PART}; got ${shown}.`, { field })
  }
  if (major === 0 && minor === 0 && patch === 0) {
    throw new DomainError('VALIDATION', 'Version 0.0.0 is not a release; the first release is at least 0.0.1.', { field })
  }
  return { major, minor, patch }
}

/** `9.1.2` */
export function formatReleaseVersion(version: ReleaseVersion): string {
  return `${version.major}.${version.minor}.${version.patch}`
}

/** Orders two versions: negative when `a` is older, 0 when equal, positive when newer. */
export function compareReleaseVersions(a: ReleaseVersion, b: ReleaseVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch
}

/** UPGRADE for a new major version `X.0.0` (X at least 1), else UPDATE. */
export function releaseKind(version: ReleaseVersion): ReleaseKind {
  return version.major >= 1 && version.minor === 0 && version.patch === 0 ? 'UPGRADE' : 'UPDATE'
}

/** How people name a release in sentences: a major upgrade by `X.0` ("renew to get 9.0"), anything else in full. */
export function releaseLabel(version: ReleaseVersion): string {
  return releaseKind(version) === 'UPGRADE' ? `${version.major}.0` : formatReleaseVersion(version)
}
