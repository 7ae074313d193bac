import { afterAll, beforeAll, expect, it } from 'vitest'
import { ValidationError } from '../../../errors.js'
import { createTestApp, type TestApp } from '../../../../test/harness.js'
import { queueEmail } from '../outbox.js'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())

const base = { kind: 'TEST', subject: 'Your ticket CT-000001', text: 'Hello', html: '<p>Hello</p>' }

it('queues a message, and refuses header injection and malformed addresses without writing anything', async () => {
  const db = app.database.dataSource
  const now = new Date('2026-11-24T17:00:00Z')
  const id = await db.transaction((m) => queueEmail(m, { ...base, to: { address: 'Alex@Acme.example', name: 'Alex Doe' } }, now))
  const [row] = await db.query('SELECT to_address, to_name, status, next_attempt_at FROM email_messages WHERE id = $1', [id])
  expect(row).toMatchObject({ to_address: 'alex@acme.example', to_name: 'Alex Doe', status: 'QUEUED' })

  const refused = [
    { ...base, to: { address: 'not-an-address' } },
    { ...base, to: { address: 'a@b.example', name: 'Alex\r\nBcc: victim@example.com' } },
    { ...base, subject: 'Hi\nBcc: victim@example.com', to: { address: 'a@b.example' } },
  ]
  for (const email of refused) {
    await expect(db.transaction((m) => queueEmail(m, email, now))).rejects.toBeInstanceOf(ValidationError)
  }
  const [count] = await db.query('SELECT count(*)::int AS n FROM email_messages')
  expect(count.n).toBe(1)
})
