import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  /** Envelope recipients: where the server was asked to deliver it. */
  rcptTo: string[]
  mail: ParsedMail
  to: string
  subject: string
  text: string
  html: string
}

/**
 * A real SMTP server on loopback for tests: keeps what arrives (parsed with mailparser) and can refuse the next
 * N messages with a temporary (451) or permanent (550) answer.
 */
export async function startSmtpSink() {
  const received: ReceivedMail[] = []
  let refusals: { count: number; code: number } = { count: 0, code: 451 }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (refusals.count > 0) {
          refusals.count--
          const error = Object.assign(new Error(refusals.code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: refusals.code })
          return callback(error)
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            received.push({
              rcptTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              mail,
              to: (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase())).join(','),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
            })
            callback()
          })
          .catch(callback)
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Refuses the next `count` messages with `code` (451: try again later; 550: never). */
    refuseNext(count: number, code = 451) {
      refusals = { count, code }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
