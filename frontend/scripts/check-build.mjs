// Fails the build if peerplan could load GDS Transport, which is licensed for gov.uk only:
// the compiled CSS must not name it or declare any @font-face, and its font files are not copied.
import { existsSync, readFileSync } from 'node:fs'

const out = new URL('../../peerplan/ui/static/ui/', import.meta.url)
const css = readFileSync(new URL('css/app.css', out), 'utf8')
const problems = []
if (css.includes('GDS Transport')) problems.push('app.css mentions "GDS Transport"')
if (css.includes('@font-face')) problems.push('app.css has an @font-face rule')
if (!css.includes('/static/ui/govuk/assets/')) problems.push('app.css does not point assets at /static/ui/govuk/assets/')
if (existsSync(new URL('govuk/assets/fonts', out))) problems.push('govuk/assets/fonts was copied')
for (const file of ['govuk/govuk-frontend.min.js', 'js/app.mjs', 'js/accessible-autocomplete.min.js', 'js/accessible-autocomplete.min.js.map', 'test/axe.min.js']) {
  if (!existsSync(new URL(file, out))) problems.push(`${file} is missing`)
}
if (problems.length) {
  console.error(problems.join('\n'))
  process.exit(1)
}
console.log(`peerplan/ui/static/ui OK: app.css ${css.length} bytes, Arial, no @font-face`)
