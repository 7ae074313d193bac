import { describe, expect, it } from 'vitest'
import { useFormSubmit } from '../useFormSubmit'
import { useRetry } from '../useRetry'

describe('useFormSubmit', () => {
  it('reloads what changed before it stops showing progress', async () => {
    const form = useFormSubmit(['name'])
    const seen: boolean[] = []
    const ok = await form.run(
      async () => ({ data: { save: { __typename: 'MutationSaveSuccess' } } }),
      (data) => data.save,
      async () => {
        seen.push(form.saving.value)
      },
    )
    expect(ok).toBe(true)
    expect(seen).toEqual([true])
    expect(form.saving.value).toBe(false)
    expect(form.problem.value).toBeNull()
  })

  it('puts field errors beside the fields it shows and the rest in the alert; editing a field clears its message', async () => {
    const form = useFormSubmit(['name'])
    const ok = await form.run(
      async () => ({
        data: {
          save: {
            __typename: 'ValidationError',
            message: 'Invalid input.',
            fieldErrors: [
              { field: 'input.name', message: 'Enter a name.' },
              { field: 'input.code', message: 'That code is taken.' },
            ],
          },
        },
      }),
      (data) => data.save,
    )
    expect(ok).toBe(false)
    expect(form.fieldErrors.value).toEqual({ name: 'Enter a name.' })
    expect(form.problem.value).toMatchObject({ title: 'Nothing was saved', text: 'Check the fields marked below. That code is taken.' })
    form.clearField('name')
    expect(form.fieldErrors.value).toEqual({})
    form.clear()
    expect(form.problem.value).toBeNull()
  })

  it('says a failure saved nothing and does not run `after`', async () => {
    const form = useFormSubmit([])
    let after = 0
    const ok = await form.run(
      async () => ({ error: { networkError: new Error('offline') }, data: null }),
      (data: { save: { __typename: string } }) => data.save,
      async () => void after++,
    )
    expect(ok).toBe(false)
    expect(after).toBe(0)
    expect(form.problem.value?.text).toBe('We could not reach Covered. Check your connection and try again.')
  })

  it('shows its own checks beside the fields until edited, and refuses to send while any stands', async () => {
    const form = useFormSubmit(['title', 'month'])
    expect(form.check({ title: 'Enter a title.' })).toBe(false)
    expect(form.errors.value).toEqual({ title: 'Enter a title.' })
    expect(form.problem.value).toMatchObject({ title: 'Nothing was saved', text: 'Check the fields marked below.' })
    form.clearField('title')
    expect(form.errors.value).toEqual({})
    expect(form.check({})).toBe(true)
  })

  it('resolves runFor to what the success carries, or null when refused', async () => {
    type Outcome = { __typename: 'MutationSaveSuccess'; article: { id: string } } | { __typename: 'ConflictError'; code: string; message: string }
    const form = useFormSubmit([])
    const saved = await form.runFor(
      'article',
      async () => ({ data: { save: { __typename: 'MutationSaveSuccess', article: { id: 'A1' } } as Outcome } }),
      (data) => data.save,
    )
    expect(saved).toEqual({ id: 'A1' })
    const refused = await form.runFor(
      'article',
      async () => ({ data: { save: { __typename: 'ConflictError', code: 'CONFLICT', message: 'Changed meanwhile.' } as Outcome } }),
      (data) => data.save,
    )
    expect(refused).toBeNull()
    expect(form.problem.value?.conflict).toBe(true)
  })
})

describe('useRetry', () => {
  it('is retrying while the retry runs, and not after, even when it fails', async () => {
    let finish!: () => void
    const { retrying, retry } = useRetry(() => new Promise<void>((resolve) => (finish = resolve)))
    const running = retry()
    expect(retrying.value).toBe(true)
    finish()
    await running
    expect(retrying.value).toBe(false)
    const failing = useRetry(() => Promise.reject(new Error('offline')))
    await expect(failing.retry()).rejects.toThrow('offline')
    expect(failing.retrying.value).toBe(false)
  })
})
