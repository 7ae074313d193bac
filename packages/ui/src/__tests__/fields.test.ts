import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import UiMoneyField from '../components/UiMoneyField.vue'
import UiSelectField from '../components/UiSelectField.vue'
import UiTextField from '../components/UiTextField.vue'

describe('labelled fields', () => {
  it('tie the control to its label, and to its error and hint in that order', () => {
    const wrapper = mount(UiTextField, { props: { label: 'Name', id: 'name', hint: 'As on the contract.', error: 'Enter a name.', required: true } })
    expect(wrapper.get('label').attributes('for')).toBe('name')
    expect(wrapper.get('label').text()).toBe('Name (required)')
    const input = wrapper.get('input')
    expect(input.attributes('aria-describedby')).toBe('name-error name-hint')
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('#name-hint').text()).toBe('As on the contract.')
    expect(wrapper.get('#name-error').text()).toBe('Enter a name.')
    expect(wrapper.classes()).toEqual(expect.arrayContaining(['cv-field', 'cv-field--invalid']))
  })

  it('make an id of their own, and say nothing more when there is no hint or error', () => {
    const wrapper = mount(UiSelectField, { props: { label: 'Desk', options: [{ value: 'UK', label: 'UK' }] } })
    const id = wrapper.get('select').attributes('id')!
    expect(id).toMatch(/^field-/)
    expect(wrapper.get('label').attributes('for')).toBe(id)
    expect(wrapper.get('select').attributes('aria-describedby')).toBeUndefined()
    expect(wrapper.find('.cv-field__hint').exists()).toBe(false)
  })

  it('keep the classes a caller adds beside their own', () => {
    const wrapper = mount(UiMoneyField, { props: { label: 'Price', error: 'Enter an amount.' }, attrs: { class: 'extra' } })
    expect(wrapper.classes()).toEqual(expect.arrayContaining(['cv-field', 'cv-money', 'cv-field--invalid', 'extra']))
  })
})
