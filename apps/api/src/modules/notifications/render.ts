/**
 * Turns a composed email (heading, blocks, one action, footer) into its text and HTML parts. Every string that
 * goes into the HTML is escaped here, so a ticket subject or a reply containing markup shows as typed.
 */

export type Block =
  | { type: 'paragraph'; text: string }
  /** Label and value pairs: number, due times, totals. */
  | { type: 'facts'; rows: readonly (readonly [string, string])[] }
  /** Someone's words as they wrote them (a reply), kept with its line breaks. */
  | { type: 'quote'; by: string; text: string }

export interface ComposedEmail {
  subject: string
  heading: string
  blocks: Block[]
  action: { label: string; url: string }
}

export interface RecipientFrame {
  name: string
  /** Why this person gets this email, in one sentence. */
  why: string
  preferencesUrl: string
  /** Only for optional kinds: a signed link that turns this kind off without signing in. */
  unsubscribeUrl: string | null
}

export interface RenderedEmail {
  subject: string
  text: string
  html: string
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)
}

/** One line for a header: line breaks and runs of white space become one space (a subject, a name). */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim()
}

/** A link that is safe in an href: only http(s), escaped. */
function href(url: string): string {
  return /^https?:\/\//i.test(url) ? escapeHtml(url) : '#'
}

/**
 * "Tue 24 Nov 2026, 09:00 Pacific Standard Time": an instant as a person in `timeZone` reads it, with the zone's
 * name (summer time included), or its IANA name when there is no word for it.
 */
export function formatInstant(instant: Date | string | number, timeZone: string): string {
  const date = new Date(instant)
  const zone = safeZone(timeZone)
  const parts: Record<string, string> = {}
  for (const part of new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date)) {
    parts[part.type] = part.value
  }
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} ${zoneName(zone, date)}`
}

/** "Thu 24 Dec 2026" for a calendar date (YYYY-MM-DD), which has no time zone. */
export function formatDate(calendarDate: string): string {
  const [y, m, d] = calendarDate.slice(0, 10).split('-').map(Number)
  const date = new Date(Date.UTC(y!, m! - 1, d!, 12))
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(date).replace(',', '')
}

function zoneName(timeZone: string, at: Date): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC'
  const name =
    new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'long' }).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? ''
  return name && !/^(GMT|UTC)[+-−]/.test(name) ? name : `(${timeZone})`
}

/** A time zone the runtime knows, else UTC (a contact's stored zone is checked when saved, but be safe). */
function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone })
    return timeZone
  } catch {
    return 'UTC'
  }
}

const FONT = `font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif`

export function renderEmail(email: ComposedEmail, to: RecipientFrame): RenderedEmail {
  return { subject: oneLine(email.subject), text: renderText(email, to), html: renderHtml(email, to) }
}

function renderText(email: ComposedEmail, to: RecipientFrame): string {
  const lines: string[] = [`Hello ${oneLine(to.name)},`, '']
  for (const block of email.blocks) {
    if (block.type === 'paragraph') lines.push(block.text, '')
    else if (block.type === 'facts') {
      for (const [label, value] of block.rows) lines.push(`  ${label}: ${value}`)
      lines.push('')
    } else {
      lines.push(`${block.by} wrote:`, ...block.text.split(/\r?\n/).map((line) => `> ${line}`), '')
    }
  }
  lines.push(`${email.action.label}: ${email.action.url}`, '', '-- ', to.why, `Email preferences: ${to.preferencesUrl}`)
  if (to.unsubscribeUrl) lines.push(`Unsubscribe from these emails: ${to.unsubscribeUrl}`)
  return `${lines.join('\n')}\n`
}

function renderHtml(email: ComposedEmail, to: RecipientFrame): string {
  const body = email.blocks
    .map((block) => {
      if (block.type === 'paragraph') return `<p style="margin:0 0 16px">${escapeHtml(block.text)}</p>`
      if (block.type === 'facts') {
        const rows = block.rows
          .map(
            ([label, value]) =>
              `<tr><th scope="row" style="text-align:left;font-weight:600;padding:6px 16px 6px 0;vertical-align:top;color:#535e6c;white-space:nowrap">${escapeHtml(label)}</th><td style="padding:6px 0;vertical-align:top">${escapeHtml(value)}</td></tr>`,
          )
          .join('')
        return `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px;font-size:15px">${rows}</table>`
      }
      return `<p style="margin:0 0 4px;color:#535e6c;font-size:14px">${escapeHtml(block.by)} wrote:</p><blockquote style="margin:0 0 16px;padding:12px 16px;border-left:4px solid #c5ccd5;background:#f6f7f9;white-space:pre-wrap">${escapeHtml(block.text)}</blockquote>`
    })
    .join('\n')
  const unsubscribe = to.unsubscribeUrl
    ? ` · <a href="${href(to.unsubscribeUrl)}" style="color:#535e6c">Unsubscribe from these emails</a>`
    : ''
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(oneLine(email.subject))}</title></head>
<body style="margin:0;padding:0;background:#f6f7f9;color:#1c2129;${FONT};font-size:16px;line-height:1.5">
<div style="max-width:600px;margin:0 auto;padding:24px 16px">
<p style="margin:0 0 16px;font-weight:700;font-size:15px"><span style="display:inline-block;width:24px;height:24px;line-height:24px;text-align:center;border-radius:6px;background:#2f5fd0;color:#ffffff;margin-right:8px">C</span>Covered Support</p>
<div style="background:#ffffff;border:1px solid #dfe3e8;border-radius:8px;padding:24px">
<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3">${escapeHtml(email.heading)}</h1>
<p style="margin:0 0 16px">Hello ${escapeHtml(oneLine(to.name))},</p>
${body}
<p style="margin:24px 0 0"><a href="${href(email.action.url)}" style="display:inline-block;background:#2f5fd0;color:#ffffff;text-decoration:none;font-weight:600;padding:10px 18px;border-radius:6px">${escapeHtml(email.action.label)}</a></p>
</div>
<p style="margin:16px 0 0;color:#535e6c;font-size:13px">${escapeHtml(to.why)}<br><a href="${href(to.preferencesUrl)}" style="color:#535e6c">Email preferences</a>${unsubscribe}</p>
</div>
</body>
</html>
`
}
