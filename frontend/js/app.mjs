// peerplan's only script: starts GOV.UK Frontend's components. Loaded as a module, so the
// Content-Security-Policy needs no inline script; browsers without modules get the no-JS page.
import { initAll } from '../govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
