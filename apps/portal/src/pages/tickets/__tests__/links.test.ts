import { linkifyText, safeHref } from '@covered/ui'
import { describe, expect, it } from 'vitest'

// Links in plain ticket messages (UiLinkedText): which become links, and what stays text.
const links = (text: string) => linkifyText(text).filter((s) => s.kind === 'link')

describe('links in message text', () => {
  it('makes a cited article’s markdown link and bare http(s) addresses links, trimming sentence punctuation', () => {
    expect(linkifyText('Read [Exporting a dashboard](/portal/knowledge/articles/exporting-a-dashboard).')).toEqual([
      { kind: 'text', text: 'Read ' },
      { kind: 'link', text: 'Exporting a dashboard', href: '/portal/knowledge/articles/exporting-a-dashboard', external: false },
      { kind: 'text', text: '.' },
    ])
    expect(linkifyText('See https://status.example.com/a?b=1, then (https://example.com/x_(y)) and https://example.com/z).')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://status.example.com/a?b=1', href: 'https://status.example.com/a?b=1', external: true },
      { kind: 'text', text: ', then (' },
      { kind: 'link', text: 'https://example.com/x_(y)', href: 'https://example.com/x_(y)', external: true },
      { kind: 'text', text: ') and ' },
      { kind: 'link', text: 'https://example.com/z', href: 'https://example.com/z', external: true },
      { kind: 'text', text: ').' },
    ])
  })

  it('leaves everything else exactly as written', () => {
    const hostile = [
      '[a](javascript:alert(1))',
      '[b](javascript:alert)',
      '[c](JaVaScRiPt:alert)',
      '[d](data:text/html,<script>alert(1)</script>)',
      '[e](//evil.example/x)',
      '[f](/\\evil.example)',
      '[g](mailto:a@example.com)',
      '[h](relative/path)',
      'javascript:alert(1)',
      '<img src=x onerror=alert(1)>',
      'https://',
    ]
    for (const text of hostile) {
      expect(links(text), text).toEqual([])
      expect(linkifyText(text), text).toEqual([{ kind: 'text', text }])
    }
    // Raw HTML is text; only the address inside it becomes a link.
    expect(linkifyText('<a href="https://example.com">raw</a>')).toEqual([
      { kind: 'text', text: '<a href="' },
      { kind: 'link', text: 'https://example.com', href: 'https://example.com/', external: true },
      { kind: 'text', text: '">raw</a>' },
    ])
    expect(linkifyText('no links here')).toEqual([{ kind: 'text', text: 'no links here' }])
    expect(linkifyText('')).toEqual([])
  })

  it('accepts only http(s) addresses and paths on this site', () => {
    expect(safeHref('/portal/knowledge/articles/x')).toEqual({ href: '/portal/knowledge/articles/x', external: false })
    expect(safeHref('https://example.com/a')).toEqual({ href: 'https://example.com/a', external: true })
    for (const bad of ['//evil.example', '/\\evil.example', 'javascript:alert(1)', 'https://exa mple.com', 'ftp://example.com', 'https:///x', '/a\u0000b']) {
      expect(safeHref(bad), bad).toBeNull()
    }
  })

  it('answers for pathological text (bounded patterns, no runaway backtracking), keeping every character', () => {
    const text = `${'[a'.repeat(20_000)}${'('.repeat(20_000)}${'https://x'.repeat(2_000)}`
    expect(linkifyText(text).map((s) => s.text).join('')).toBe(text)
  })
})
