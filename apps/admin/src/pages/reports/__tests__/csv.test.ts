import { UiReportPanel, buildCsv, csvField, csvFileName, slaMonthTable, type ReportTableData } from '@covered/ui/reports'
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { pipelineTable, scopeMixTable } from '../composables/reportTables'

describe('the CSV builder', () => {
  it('quotes only the fields that need it, doubling quotes inside (RFC 4180), with CRLF line ends', () => {
    const table: ReportTableData = {
      caption: 'x',
      columns: [{ label: 'Customer' }, { label: 'Note' }, { label: 'Tickets', numeric: true }],
      rows: [
        ['Acme, Inc.', 'said "urgent"', 3],
        ['Northwind', 'line one\nline two', 0],
        [' padded ', null, 12.5],
      ],
    }
    expect(buildCsv(table)).toBe(
      'Customer,Note,Tickets\r\n' + '"Acme, Inc.","said ""urgent""",3\r\n' + 'Northwind,"line one\nline two",0\r\n' + '" padded ",,12.5\r\n',
    )
  })

  it('keeps a spreadsheet from running text as a formula, but leaves numbers alone', () => {
    expect(csvField('=HYPERLINK("http://evil.example")')).toBe(`"'=HYPERLINK(""http://evil.example"")"`)
    expect(csvField('+44 20 7946 0000')).toBe("'+44 20 7946 0000")
    expect(csvField('@mention')).toBe("'@mention")
    expect(csvField(-5)).toBe('-5')
    expect(csvField(null)).toBe('')
    expect(csvField(Number.NaN)).toBe('')
  })

  it('writes the raw figures where the table shows formatted ones', () => {
    const table = slaMonthTable(
      [{ month: '2026-11', target: 'FIRST_RESPONSE', kind: 'GUARANTEE', met: 7, breached: 1, open: 2, rate: 0.875, measured: 8 }],
      'Targets',
    )
    expect(table.rows[0]).toEqual(['Nov 2026', 'First response (premium guarantee)', 7, 1, 2, '87.5%'])
    expect(buildCsv(table).split('\r\n')).toEqual([
      'Month,Target,Met,Breached,Not decided,Attainment',
      '2026-11,First response (premium guarantee),7,1,2,0.875',
      '',
    ])
    const money = pipelineTable([{ status: 'ACCEPTED', currency: 'GBP', count: 2, totalMinor: 123_456, quotedMinutes: 600, loggedMinutes: 480 }], 'Quotes')
    expect(money.rows[0]).toEqual(['Accepted', 'GBP', 2, '£1,234.56', '10 h', '8 h', '80%'])
    expect(buildCsv(money).split('\r\n')[1]).toBe('ACCEPTED,GBP,2,1234.56,10,8,0.8')
    const mix = scopeMixTable([{ category: 'BUG', inScope: 3, needsProfessionalServices: 1, needsReview: 0, total: 4 }], { inScope: 3, needsProfessionalServices: 1, needsReview: 0, total: 4 }, 'Mix')
    expect(buildCsv(mix).split('\r\n').slice(1, 3)).toEqual(['BUG,3,1,0,4,0.25', 'ALL,3,1,0,4,0.25'])
  })

  it('names the file after the report and its date range', () => {
    expect(csvFileName('SLA attainment', { from: '2026-09-01', to: '2026-11-30' })).toBe('sla-attainment_2026-09-01_to_2026-11-30.csv')
    expect(csvFileName('Tickets at risk', null, '2026-11-26')).toBe('tickets-at-risk_2026-11-26.csv')
    expect(csvFileName('  ', null)).toBe('report.csv')
  })
})

describe('a report panel', () => {
  const originalCreate = URL.createObjectURL
  afterEach(() => {
    URL.createObjectURL = originalCreate
  })

  const table: ReportTableData = {
    caption: 'Open tickets by status',
    columns: [{ label: 'Status' }, { label: 'Tickets', numeric: true }],
    rows: [
      ['New', 1234],
      ['Waiting on customer', 5],
    ],
  }

  it('shows the figures as a table with a caption and header scopes, and downloads exactly that table as CSV', async () => {
    const saved: { name: string; blob: Blob }[] = []
    URL.createObjectURL = ((blob: Blob) => {
      saved.push({ name: '', blob })
      return 'blob:report'
    }) as typeof URL.createObjectURL
    const clicks: string[] = []
    const onClick = (event: Event) => {
      const link = event.target as HTMLAnchorElement
      if (link.download) {
        clicks.push(link.download)
        event.preventDefault()
      }
    }
    document.addEventListener('click', onClick, true)
    const wrapper = mount(UiReportPanel, { props: { title: 'Backlog', table, fileName: 'backlog_2026-11-26.csv' }, attachTo: document.body })

    expect(wrapper.get('caption').text()).toBe('Open tickets by status')
    expect(wrapper.findAll('thead th').map((th) => [th.text(), th.attributes('scope')])).toEqual([
      ['Status', 'col'],
      ['Tickets', 'col'],
    ])
    expect(wrapper.findAll('tbody th').map((th) => [th.text(), th.attributes('scope')])).toEqual([
      ['New', 'row'],
      ['Waiting on customer', 'row'],
    ])
    expect(wrapper.findAll('tbody td').map((td) => td.text())).toEqual(['1,234', '5'])

    const button = wrapper.get('button')
    expect(button.text()).toBe('Download CSV of Backlog')
    await button.trigger('click')
    document.removeEventListener('click', onClick, true)
    expect(clicks).toEqual(['backlog_2026-11-26.csv'])
    expect(saved).toHaveLength(1)
    expect(saved[0]!.blob.type).toBe('text/csv;charset=utf-8')
    expect(await saved[0]!.blob.text()).toBe('\uFEFFStatus,Tickets\r\nNew,1234\r\nWaiting on customer,5\r\n')
  })

  it('has nothing to download while loading, empty or failed, and says which', async () => {
    const loading = mount(UiReportPanel, { props: { title: 'Backlog', table: null, fileName: 'b.csv', loading: true } })
    expect(loading.text()).toContain('Loading backlog…')
    expect(loading.get('button').attributes('disabled')).toBeDefined()
    const empty = mount(UiReportPanel, { props: { title: 'Backlog', table, fileName: 'b.csv', empty: true, emptyTitle: 'No open tickets' } })
    expect(empty.text()).toContain('No open tickets')
    expect(empty.find('table').exists()).toBe(false)
    expect(empty.get('button').attributes('disabled')).toBeDefined()
    const failed = mount(UiReportPanel, { props: { title: 'Backlog', table: null, fileName: 'b.csv', error: 'We could not reach Covered.' } })
    expect(failed.get('[role="alert"]').text()).toContain('Backlog could not be loaded')
    expect(failed.text()).toContain('We could not reach Covered.')
  })
})
