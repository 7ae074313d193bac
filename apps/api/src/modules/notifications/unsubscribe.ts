import type { IncomingMessage, ServerResponse } from 'node:http'
import type { DataSource } from 'typeorm'
import { PREFERENCE_BY_KIND, wants } from './kinds.js'
import { emailLinkSecret, preferencesUrl, readUnsubscribeToken, type UnsubscribeClaim } from './links.js'
import { choicesOf, saveChoice } from './preferences.service.js'
import { escapeHtml } from './render.js'

/**
 * The unsubscribe link of an optional email: GET shows what it turns off and a button; POST turns it off (also
 * the one-click POST that mail clients send, RFC 8058). The signed token is the only credential: no sign-in, and a
 * token changed by even one character is refused.
 */
export async function handleUnsubscribe(req: IncomingMessage, res: ServerResponse, db: DataSource, options: { publicUrl: string; now: () => Date }) {
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') {
    res.setHeader('allow', 'GET, POST')
    return page(res, 405, 'Not here', '<p>Open the unsubscribe link from your email.</p>')
  }
  const url = new URL(req.url ?? '/', 'http://covered.invalid')
  const body = req.method === 'POST' ? await readForm(req) : new URLSearchParams()
  const token = url.searchParams.get('token') ?? body.get('token') ?? ''
  const claim = token ? readUnsubscribeToken(await emailLinkSecret(db), token) : null
  if (!claim) {
    return page(
      res,
      400,
      'This unsubscribe link does not work',
      '<p>The link is incomplete or has been changed. Use the whole link from the email, or sign in and choose which emails you get in your email preferences.</p>',
    )
  }
  const who = await recipient(db, claim)
  if (!who) return page(res, 404, 'This link no longer applies', '<p>The account this email was sent to no longer exists, so there is nothing to unsubscribe.</p>')
  const definition = PREFERENCE_BY_KIND.get(claim.kind)!
  const prefs = preferencesUrl(options.publicUrl, claim.recipientKind)
  const manage = `<p><a href="${escapeHtml(prefs)}">Choose which emails you get</a> in your email preferences (you will be asked to sign in).</p>`

  if (req.method === 'POST') {
    await db.transaction((manager) => saveChoice(manager, claim, claim.kind, false, options.now(), 'UNSUBSCRIBE_LINK'))
    return page(
      res,
      200,
      'You are unsubscribed',
      `<p>${escapeHtml(who.email)} will no longer get “${escapeHtml(definition.label)}” emails.</p>${manage}`,
    )
  }
  const on = wants((await choicesOf(db, claim.recipientKind, [claim.recipientId])).get(claim.recipientId), claim.kind)
  if (!on) {
    return page(res, 200, 'Already unsubscribed', `<p>${escapeHtml(who.email)} does not get “${escapeHtml(definition.label)}” emails.</p>${manage}`)
  }
  return page(
    res,
    200,
    `Stop “${definition.label}” emails?`,
    `<p>${escapeHtml(definition.description)}</p>
<p>These go to <strong>${escapeHtml(who.email)}</strong>.</p>
<form method="post">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit">Unsubscribe</button>
</form>${manage}`,
  )
}

async function recipient(db: DataSource, claim: UnsubscribeClaim): Promise<{ email: string } | null> {
  const table = claim.recipientKind === 'STAFF' ? 'staff_users' : 'contacts'
  const [row]: { email: string }[] = await db.query(`SELECT email FROM ${table} WHERE id = $1`, [claim.recipientId])
  return row ?? null
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > 8192) {
        req.destroy()
        reject(new Error('Form too large'))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))))
    req.on('error', reject)
  })
}

function page(res: ServerResponse, status: number, title: string, content: string) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The token is in the address: never pass it on to another site.
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  })
  res.end(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Covered</title>
<style>
body{margin:0;background:#f6f7f9;color:#1c2129;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}
main{max-width:34rem;margin:0 auto;padding:3rem 1rem}
.brand{display:flex;align-items:center;gap:.5rem;font-weight:700;margin:0 0 1.5rem}
.mark{display:inline-grid;place-items:center;width:1.75rem;height:1.75rem;border-radius:6px;background:#2f5fd0;color:#fff}
.card{background:#fff;border:1px solid #dfe3e8;border-radius:8px;padding:1.5rem;box-shadow:0 1px 2px rgb(16 24 40/6%)}
h1{font-size:1.25rem;line-height:1.3;margin:0 0 1rem}
p{margin:0 0 1rem}p:last-child{margin-bottom:0}
a{color:#2f5fd0}
button{font:inherit;font-weight:600;color:#fff;background:#2f5fd0;border:0;border-radius:6px;padding:.6rem 1.1rem;cursor:pointer;margin:0 0 1rem}
button:hover{background:#234bb0}
button:focus-visible,a:focus-visible{outline:none;box-shadow:0 0 0 3px #fff,0 0 0 5px #2f5fd0}
</style></head>
<body><main>
<p class="brand"><span class="mark" aria-hidden="true">C</span>Covered Support</p>
<div class="card"><h1>${escapeHtml(title)}</h1>
${content}
</div>
</main></body>
</html>
`)
}
