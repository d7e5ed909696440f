// Progressive enhancement only: every page works without this file.
// nhsuk-frontend.min.js is an ES module exporting initAll and the component classes.
import { initAll } from '/lib/nhsuk/nhsuk-frontend.min.js'

// The NHS.UK template sets these with an inline script, which our CSP forbids; a module
// script only runs in browsers the NHS.UK scripts support, so both classes are safe to set here.
document.body.classList.add('js-enabled', 'nhsuk-frontend-supported')

initAll()
