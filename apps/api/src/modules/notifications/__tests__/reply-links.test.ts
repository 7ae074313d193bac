import { describe, expect, it } from 'vitest'
import { renderEmail } from '../render.js'
import { composeEmail, emailLinks, sampleModel } from '../templates.js'

// A reply citing an article links to `/portal/knowledge/articles/…`: followable in the portal, and in the email too.
describe('links of a reply in its email', () => {
  it('makes the site’s own links whole and shows every link’s address; anything else stays as written', () => {
    expect(emailLinks('Read [Empty reports checklist](/portal/knowledge/articles/empty-reports-checklist) first.', 'https://support.example.com')).toBe(
      'Read Empty reports checklist (https://support.example.com/portal/knowledge/articles/empty-reports-checklist) first.',
    )
    expect(emailLinks('[Status](https://status.example.com/7) and [x](javascript:alert) and [y](//evil.example)', 'https://support.example.com')).toBe(
      'Status (https://status.example.com/7) and [x](javascript:alert) and [y](//evil.example)',
    )
  })

  it('the answered email quotes the reply with its whole links, escaped in HTML', () => {
    const model = sampleModel('TICKET_ANSWERED', new Date('2026-11-24T17:00:00Z'))
    if (model.kind !== 'TICKET_ANSWERED') throw new Error('expected the answered email')
    model.reply.body = 'See [Filters <b>guide</b>](/portal/knowledge/articles/filters).'
    const rendered = renderEmail(composeEmail(model, 'UTC', 'https://support.example.com/portal/tickets/x', 'https://support.example.com'), {
      name: 'Alex',
      why: 'You opened this ticket.',
      preferencesUrl: 'https://support.example.com/portal/account/notifications',
      unsubscribeUrl: null,
    })
    expect(rendered.text).toContain('See Filters <b>guide</b> (https://support.example.com/portal/knowledge/articles/filters).')
    expect(rendered.html).toContain('See Filters &lt;b&gt;guide&lt;/b&gt; (https://support.example.com/portal/knowledge/articles/filters).')
  })
})
