// Starts Swagger UI on /api/docs (api/docs.html) from a file, so the Content-Security-Policy needs no inline
// script. Settings come from the page's JSON; writes from a signed-in session send its CSRF token.
const root = document.getElementById('swagger-ui')
const config = JSON.parse(document.getElementById('swagger-settings').textContent)
config.dom_id = '#swagger-ui'
config.presets = [window.SwaggerUIBundle.presets.apis, window.SwaggerUIBundle.SwaggerUIStandalonePreset]
if (root.dataset.csrfToken) {
  config.requestInterceptor = (request) => {
    request.headers['X-CSRFToken'] = root.dataset.csrfToken
    return request
  }
}
window.SwaggerUIBundle(config)
