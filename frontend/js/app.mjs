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
