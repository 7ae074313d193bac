import { createTransport } from 'nodemailer'
import type { Config } from '../../config.js'

/** A message as the worker hands it to a transport. */
export interface MailToSend {
  id: string
  kind: string
  from: string
  to: { address: string; name: string }
  subject: string
  text: string
  html: string
  unsubscribeUrl: string | null
}

/** Why a send did not work; `permanent` ones (a 5xx answer) are not tried again. */
export class SendFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message)
    this.name = 'SendFailure'
  }
}

export interface MailTransport {
  /** What the log and the start-up banner call it. */
  readonly description: string
  /** Delivers one message; resolves with what the server said, or throws a SendFailure. */
  send(message: MailToSend): Promise<string>
  close(): void
}

/** SMTP when SMTP_URL is set; otherwise the embedded default, which keeps sent mail in the database. */
export function createMailTransport(config: Pick<Config, 'mail'>): MailTransport {
  return config.mail.smtpUrl ? smtpTransport(config.mail.smtpUrl) : embeddedTransport()
}

export function embeddedTransport(): MailTransport {
  return {
    description: 'kept in the database and shown on the admin Sent mail page (SMTP_URL is not set)',
    send: async () => 'Kept in the database: SMTP_URL is not set, so nothing left this server. Read it on the Sent mail page.',
    close: () => {},
  }
}

export function smtpTransport(url: string): MailTransport {
  const transporter = createTransport(url)
  // Short timeouts: a stuck server must not hold the worker (the next pass tries again).
  Object.assign(transporter.options, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 })
  const parsed = new URL(url)
  return {
    description: `SMTP ${parsed.hostname}:${parsed.port || (parsed.protocol === 'smtps:' ? 465 : 587)}`,
    async send(message) {
      const domain = /@([^>\s]+)>?\s*$/.exec(message.from)?.[1] ?? 'covered.local'
      try {
        const info = await transporter.sendMail({
          from: message.from,
          to: { name: message.to.name, address: message.to.address },
          subject: message.subject,
          text: message.text,
          html: message.html,
          // The same id on every attempt, so a receiver can tell a retry from a new message.
          messageId: `<${message.id}@${domain}>`,
          headers: {
            'X-Covered-Kind': message.kind,
            'Auto-Submitted': 'auto-generated',
            ...(message.unsubscribeUrl ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
          },
          ...(message.unsubscribeUrl ? { list: { unsubscribe: message.unsubscribeUrl } } : {}),
        })
        const rejected = (info.rejected ?? []).map(String)
        if (rejected.length) throw new SendFailure(`The server refused ${rejected.join(', ')}.`, true)
        return String(info.response ?? 'accepted')
      } catch (error) {
        if (error instanceof SendFailure) throw error
        const code = (error as { responseCode?: number }).responseCode
        const text = (error as { response?: string }).response ?? (error as Error).message
        throw new SendFailure(code ? `${text}` : `Could not talk to the mail server: ${text}`, code !== undefined && code >= 500 && code < 600)
      }
    },
    close: () => transporter.close(),
  }
}
