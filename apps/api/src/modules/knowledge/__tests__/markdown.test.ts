import { describe, expect, it } from 'vitest'
import { highlightToHtml, markdownToText, renderMarkdown } from '../markdown.js'
import { MAX_SEARCH_CHARS, normalizeSearchText, suggestionQuery } from '../search.service.js'
import { slugify } from '../text.js'

/** The attributes of every tag in some HTML, read as a browser would (quoted values stay values). */
function attributesOf(html: string): { tag: string; name: string; value: string }[] {
  const found: { tag: string; name: string; value: string }[] = []
  for (const [, tag, attrs] of html.matchAll(/<([a-z0-9]+)([^>]*)>/gi)) {
    for (const [, name, dq, sq, bare] of attrs!.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      found.push({ tag: tag!.toLowerCase(), name: name!.toLowerCase(), value: dq ?? sq ?? bare ?? '' })
    }
  }
  return found
}

/** Nothing in the output can run script: no script-ish tags, no on* or style attributes, no javascript:/data:/vbscript: URLs. */
function expectHarmless(html: string) {
  expect(html).not.toMatch(/<\s*(script|iframe|object|embed|style|svg|math|form|input|button|textarea|link|meta|base)\b/i)
  for (const { name, value } of attributesOf(html)) {
    expect(name).not.toMatch(/^on|^style$|^formaction$|^xlink:href$/)
    // eslint-disable-next-line no-control-regex -- browsers ignore control characters inside a URL scheme
    if (name === 'href' || name === 'src') expect(value.replace(/[\s\u0000-\u001f]/g, '')).not.toMatch(/^(javascript|data|vbscript):/i)
  }
}

describe('markdown is rendered to sanitized HTML', () => {
  it.each([
    ['a script tag', 'Before<script>alert(document.cookie)</script>After', '<p>BeforeAfter</p>'],
    ['a script tag on its own lines', 'Intro\n\n<script>\nalert(1)\n</script>\n\nOutro', '<p>Intro</p>\n<p>Outro</p>'],
    ['an event handler on an image', '<img src="https://example.com/x.png" onerror="alert(1)">', '<img src="https://example.com/x.png" />'],
    ['an event handler on a div', '<div onclick="steal()" onmouseover="steal()">Hover</div>', 'Hover'],
    ['a javascript: link in markdown', '[Open](javascript:alert(1))', '<p><a rel="noopener noreferrer nofollow">Open</a></p>'],
    ['a mixed-case javascript: link', '<a href="JaVaScRiPt:alert(1)">x</a>', '<p><a rel="noopener noreferrer nofollow">x</a></p>'],
    ['a javascript: link hidden by an entity tab', '<a href="java&#x09;script:alert(1)">x</a>', '<p><a rel="noopener noreferrer nofollow">x</a></p>'],
    ['a javascript: link with leading spaces', '[x]( javascript:alert(1))', '<p><a rel="noopener noreferrer nofollow">x</a></p>'],
    ['a data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', '<p><a rel="noopener noreferrer nofollow">x</a></p>'],
    ['a vbscript: link', '<a href="vbscript:msgbox(1)">x</a>', '<p><a rel="noopener noreferrer nofollow">x</a></p>'],
    ['a data: image', '![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)', '<p><img alt="x" /></p>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', ''],
    ['svg with onload', '<svg onload="alert(1)"><circle r="1"/></svg>', '<p></p>'],
    ['a style attribute and tag', '<style>body{display:none}</style><p style="position:fixed">Text</p>', '<p>Text</p>'],
    ['a form', '<form action="https://evil.example"><input name="password"><button>Go</button></form>', 'Go'],
    ['a protocol-relative link', '[x](//evil.example/a)', '<p><a rel="noopener noreferrer nofollow">x</a></p>'],
  ])('%s renders harmless', (_case, source, expected) => {
    const html = renderMarkdown(source)
    expect(html).toBe(expected)
    expectHarmless(html)
  })

  it('keeps ordinary formatting, safe links, images, code and tables', () => {
    const html = renderMarkdown(
      '# Installing\n\nUse **bold**, _emphasis_ and `code`.\n\n- one\n- two\n\n[Docs](https://example.com/docs "Docs") and [mail](mailto:support@example.com) and [other](/kb/other)\n\n![Chart](https://example.com/chart.png)\n\n```js\nif (a < b) run()\n```\n\n| a | b |\n|:-|-:|\n| 1 | 2 |',
    )
    expect(html).toContain('<h1>Installing</h1>')
    expect(html).toContain('<strong>bold</strong>, <em>emphasis</em> and <code>code</code>')
    expect(html).toContain('<li>one</li>')
    expect(html).toContain('<a href="https://example.com/docs" title="Docs" rel="noopener noreferrer nofollow">Docs</a>')
    expect(html).toContain('<a href="mailto:support@example.com" rel="noopener noreferrer nofollow">mail</a>')
    expect(html).toContain('<a href="/kb/other" rel="noopener noreferrer nofollow">other</a>')
    expect(html).toContain('<img src="https://example.com/chart.png" alt="Chart" />')
    expect(html).toContain('<pre><code class="language-js">if (a &lt; b) run()')
    expect(html).toContain('<th align="left">a</th>')
    expectHarmless(html)
  })

  it('escapes markup written as text and drops attribute-breaking quotes', () => {
    const html = renderMarkdown('Type `<script>` to see "quotes" & ampersands.\n\n<a href="https://x.example" title=\'a" onmouseover="alert(1)\'>t</a>')
    expect(html).toContain('<code>&lt;script&gt;</code>')
    // The quote stays inside the title's value: no onmouseover attribute exists.
    expect(attributesOf(html).filter((a) => a.tag === 'a').map((a) => a.name)).toEqual(['href', 'title', 'rel'])
    expectHarmless(html)
  })

  it('plain text for the index: no tags, no script contents, entities decoded, blocks separated', () => {
    expect(markdownToText('# Title\n\nHello **world** & <b>friends</b>\n\n- one\n- two\n\n<script>secret()</script>')).toBe('Title\nHello world & friends\none\ntwo')
    expect(markdownToText('a\u0000b\u0002c')).toBe('abc')
  })
})

describe('search highlights are escaped text with <mark> only', () => {
  it('escapes everything, turns only the markers into balanced <mark> tags', () => {
    expect(highlightToHtml('a <img src=x onerror=alert(1)> \u0002match\u0003 & "q"')).toBe('a &lt;img src=x onerror=alert(1)&gt; <mark>match</mark> &amp; &quot;q&quot;')
    expect(highlightToHtml('\u0002open')).toBe('<mark>open</mark>')
    expect(highlightToHtml('stray\u0003 \u0002\u0002x\u0003')).toBe('stray <mark>x</mark>')
  })
})

describe('search text', () => {
  it('keeps quotes and operators, drops control characters and lone surrogates, cuts long text', () => {
    expect(normalizeSearchText('  "proxy  server" -ssl OR\u0000 tls  ')).toBe('"proxy server" -ssl OR tls')
    expect(normalizeSearchText('a\uD800b\uDC00c 😀')).toBe('a b c 😀')
    expect(normalizeSearchText(null)).toBe('')
    expect(Array.from(normalizeSearchText('😀'.repeat(1000)))).toHaveLength(MAX_SEARCH_CHARS)
  })

  it('suggestions: any word matches, the last one as a prefix while it is being typed', () => {
    expect(suggestionQuery('Labels not showin')).toBe('labels | not | showin:*')
    expect(suggestionQuery('Labels not showing ')).toBe('labels | not | showing')
    expect(suggestionQuery('"); DROP TABLE articles; --')).toBe('drop | table | articles')
    expect(suggestionQuery('!!! ::: *** |&')).toBeNull()
    expect(suggestionQuery('')).toBeNull()
  })

  it('slugs from titles', () => {
    expect(slugify('Installing Labels (v9) — Quick Start')).toBe('installing-labels-v9-quick-start')
    expect(slugify('Café résumé')).toBe('cafe-resume')
    expect(slugify('日本語')).toBe('article')
  })
})
