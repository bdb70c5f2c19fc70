// peerplan's only script: starts GOV.UK Frontend's components. Loaded as a module, so the
// Content-Security-Policy needs no inline script; browsers without modules get the no-JS page.
import { initAll } from '../govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// A long list of owners becomes a type-ahead (GOV.UK's accessible-autocomplete, loaded before this module).
// Without JavaScript the plain <select> works as it is; its value is what the form sends either way.
for (const select of document.querySelectorAll('select[data-app-autocomplete]')) {
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: '',
    showAllValues: true,
  })
}

// Choosing several owners: without JavaScript, checkboxes. With it, the checkboxes are hidden and a type-ahead
// adds each chosen owner to a list of chosen owners, each with a "Remove <name>" button. The type-ahead ticks
// and unticks the hidden checkboxes, so the form sends exactly what it sends without JavaScript.
for (const group of document.querySelectorAll('.govuk-checkboxes[data-app-autocomplete]')) {
  chooseMany(group)
}

function element (tag, attributes = {}, ...children) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  node.append(...children)
  return node
}

function chooseMany (group) {
  const boxes = [...group.querySelectorAll('input[type="checkbox"]')]
  if (!boxes.length) return
  const nameOf = (box) => group.querySelector(`label[for="${CSS.escape(box.id)}"]`).textContent.trim()
  const byName = new Map(boxes.map((box) => [nameOf(box), box]))
  const id = `${boxes[0].id}-add`

  const heading = element('p', { class: 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2', id: `${id}-chosen-heading` }, 'Chosen')
  const list = element('ul', { class: 'govuk-list app-chosen', 'aria-labelledby': heading.id })
  const none = element('p', { class: 'govuk-body' }, 'None chosen yet.')
  const label = element('label', { class: 'govuk-label', for: id }, 'Add an owner')
  const box = element('div', { class: 'app-chosen__add' })
  const status = element('div', { class: 'govuk-visually-hidden', role: 'status' })
  const chooser = element('div', { class: 'app-choose-many' }, heading, list, none, label, box, status)
  group.after(chooser)
  group.hidden = true
  // The error summary links to the first checkbox, now hidden: send it to the type-ahead instead.
  for (const link of document.querySelectorAll(`.govuk-error-summary a[href="#${CSS.escape(boxes[0].id)}"]`)) {
    link.setAttribute('href', `#${id}`)
  }

  const announce = (text) => {
    status.textContent = ''
    setTimeout(() => { status.textContent = text }, 100) // a fresh change, so a screen reader reads it again
  }

  const render = () => {
    const chosen = boxes.filter((b) => b.checked)
    list.replaceChildren(...chosen.map((b) => {
      const name = nameOf(b)
      const remove = element('button', { type: 'button', class: 'govuk-button govuk-button--secondary app-chosen__remove', 'data-name': name },
        'Remove', element('span', { class: 'govuk-visually-hidden' }, ` ${name}`))
      return element('li', { class: 'app-chosen__item' }, element('span', { class: 'app-chosen__name' }, name), remove)
    }))
    list.hidden = !chosen.length
    none.hidden = Boolean(chosen.length)
  }

  list.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-name]')
    if (!button) return
    const name = button.dataset.name
    const item = button.closest('li')
    const next = item.nextElementSibling || item.previousElementSibling
    const nextName = next && next.querySelector('button').dataset.name
    byName.get(name).checked = false
    render()
    announce(`${name} removed. ${count()}`)
    const focusTo = nextName && list.querySelector(`button[data-name="${CSS.escape(nextName)}"]`)
    ;(focusTo || document.getElementById(id)).focus()
  })

  const count = () => {
    const n = boxes.filter((b) => b.checked).length
    return n === 1 ? '1 owner chosen.' : `${n} owners chosen.`
  }

  window.accessibleAutocomplete({
    element: box,
    id,
    source: (query, populate) => {
      const q = query.trim().toLowerCase()
      populate(boxes.filter((b) => !b.checked).map(nameOf).filter((name) => name.toLowerCase().includes(q)))
    },
    minLength: 1,
    autoselect: false, // its ghost-text hint is an unlabelled input (axe: label); arrow down, then Enter, picks
    confirmOnBlur: false,
    tNoResults: () => 'No owner of that name: type new names under Other owners',
    onConfirm: (name) => {
      const chosen = name && byName.get(name)
      if (!chosen || chosen.checked) return
      chosen.checked = true
      render()
      announce(`${name} added. ${count()}`)
      // Empty the box for the next owner, once the autocomplete has finished showing the choice.
      setTimeout(() => { document.getElementById(id).value = '' }, 0)
    }
  })
  render()
}
