import type { OutgoingEmail } from '../mail/outbox.js'

/**
 * The emails of the team and access flows: invitations (staff, portal contacts) and password resets. Each has a
 * text and an HTML part; everything a person typed (names, organisation names) is escaped in the HTML and kept
 * to one line in the subject.
 */

export type AccountEmailKind = 'STAFF_INVITE' | 'CONTACT_INVITE' | 'PASSWORD_RESET'

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!)
}

/** Collapses line breaks and runs of spaces, so typed text can never add a header line. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim()
}

/** "Tuesday, 1 December 2026 at 09:00 GMT" in the recipient's zone. */
export function formatWhen(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(at)
}

interface Recipient {
  name: string
  address: string
  /** IANA zone the times are written in. */
  timeZone: string
}

/** The parts every account email shares: a greeting, paragraphs, one button, the link, a closing note. */
function render(options: {
  kind: AccountEmailKind
  to: Recipient
  subject: string
  paragraphs: string[]
  action: { label: string; url: string }
  after: string[]
  customerId?: string | null
}): OutgoingEmail {
  const { to, paragraphs, action, after } = options
  const greeting = `Hello ${oneLine(to.name)},`
  const text = [greeting, '', ...paragraphs.flatMap((p) => [p, '']), `${action.label}:`, action.url, '', ...after.flatMap((p) => [p, '']), '— Covered support']
    .join('\n')
    .trimEnd()
  const para = (p: string) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f5f6f8;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1d2433;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:24px">
${para(greeting)}
${paragraphs.map(para).join('\n')}
<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="display:inline-block;background:#1f5fbf;color:#fff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">${escapeHtml(action.label)}</a></p>
<p style="margin:0 0 16px;font-size:14px;color:#5a6478">If the button does not work, copy this link into your browser:<br><a href="${escapeHtml(action.url)}" style="color:#1f5fbf;word-break:break-all">${escapeHtml(action.url)}</a></p>
${after.map(para).join('\n')}
<p style="margin:0;color:#5a6478">— Covered support</p>
</div></body></html>`
  return {
    kind: options.kind,
    to: { address: to.address, name: oneLine(to.name) },
    subject: oneLine(options.subject),
    text,
    html,
    customerId: options.customerId ?? null,
  }
}

const IGNORE = 'If you were not expecting this email, you can ignore it: nothing changes until the link is used.'

export function staffInviteEmail(options: {
  to: Recipient
  invitedBy: string | null
  role: 'ADMIN' | 'ENGINEER'
  desk: 'PACIFIC' | 'UK' | null
  url: string
  expiresAt: Date
}): OutgoingEmail {
  const what =
    options.role === 'ADMIN' ? 'an admin' : `an engineer on the ${options.desk === 'UK' ? 'UK' : 'Pacific'} desk`
  const who = options.invitedBy ? oneLine(options.invitedBy) : 'Covered'
  return render({
    kind: 'STAFF_INVITE',
    to: options.to,
    subject: 'You are invited to the Covered support team',
    paragraphs: [`${who} has invited you to join the Covered support team as ${what}.`, 'Choose a password to sign in to Covered Admin.'],
    action: { label: 'Set your password', url: options.url },
    after: [`The link works once, until ${formatWhen(options.expiresAt, options.to.timeZone)}.`, IGNORE],
  })
}

export function contactInviteEmail(options: {
  to: Recipient
  customerName: string
  invitedBy: string | null
  url: string
  expiresAt: Date
  customerId: string
}): OutgoingEmail {
  const organisation = oneLine(options.customerName)
  const who = options.invitedBy ? `${oneLine(options.invitedBy)} has` : 'Covered support has'
  return render({
    kind: 'CONTACT_INVITE',
    to: options.to,
    subject: `Your access to the Covered support portal for ${organisation}`,
    paragraphs: [
      `${who} given you access to the Covered support portal for ${organisation}.`,
      'In the portal you can ask questions, follow your tickets and see your organisation’s support. Choose a password to sign in.',
    ],
    action: { label: 'Set your password', url: options.url },
    after: [`The link works once, until ${formatWhen(options.expiresAt, options.to.timeZone)}.`, IGNORE],
    customerId: options.customerId,
  })
}

export function passwordResetEmail(options: {
  to: Recipient
  app: 'admin' | 'portal'
  url: string
  expiresAt: Date
  /** Sent by staff or a customer admin, rather than asked for on the sign-in page. */
  sentBy?: string | null
  customerId?: string | null
}): OutgoingEmail {
  const place = options.app === 'admin' ? 'Covered Admin' : 'the Covered support portal'
  const first = options.sentBy
    ? `${oneLine(options.sentBy)} has sent you a link to choose a new password for ${place}.`
    : `Someone (we hope you) asked to reset the password of your account for ${place}.`
  return render({
    kind: 'PASSWORD_RESET',
    to: options.to,
    subject: 'Reset your Covered password',
    paragraphs: [first, 'Choose a new password with the link below. Once it is set, any other signed-in browsers are signed out.'],
    action: { label: 'Choose a new password', url: options.url },
    after: [
      `The link works once, for 1 hour (until ${formatWhen(options.expiresAt, options.to.timeZone)}).`,
      'If you did not ask for this, ignore this email: your password stays as it is.',
    ],
    customerId: options.customerId ?? null,
  })
}
