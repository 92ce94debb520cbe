/**
 * Swagger UI from the pinned swagger-ui-dist package: its files are served as they are, except the page and the
 * script that starts the UI, which are ours so that the UI opens the gateway's own document.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.map': 'application/json',
};

/** Files of the package that are replaced by ours (or not needed: no OAuth flow). */
const replaced = new Set(['swagger-initializer.js', 'index.js', 'absolute-path.js', 'oauth2-redirect.js']);

/** The directory of swagger-ui-dist (its absolute-path module, without loading the browser bundles into Node). */
export function swaggerUiDirectory(): string {
  const getAbsoluteFSPath = createRequire(import.meta.url)('swagger-ui-dist/absolute-path.js') as () => string;
  return getAbsoluteFSPath();
}

/** The package files the UI may load, by file name, with their content types. */
export function swaggerUiAssets(directory: string): ReadonlyMap<string, string> {
  const assets = new Map<string, string>();
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const type = contentTypes[extname(entry.name)];
    if (entry.isFile() && type && !replaced.has(entry.name)) assets.set(entry.name, type);
  }
  return assets;
}

/** The UI page; every URL is absolute, so it works at `/docs` and at `/docs/`. */
export function swaggerUiPage(prefix: string): string {
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>karmada-ts API</title>
    <link rel="stylesheet" type="text/css" href="${prefix}/swagger-ui.css">
    <link rel="stylesheet" type="text/css" href="${prefix}/index.css">
    <link rel="icon" type="image/png" href="${prefix}/favicon-32x32.png" sizes="32x32">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${prefix}/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="${prefix}/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
    <script src="${prefix}/swagger-initializer.js" charset="UTF-8"></script>
  </body>
</html>
`;
}

/**
 * Starts the UI on the gateway's document. The token given to Authorize is kept in the browser's local storage
 * (persistAuthorization), so a reload does not ask again. No validator: it would send the document to an outside
 * service.
 */
export function swaggerUiInitializer(documentUrl: string): string {
  return `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(documentUrl)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
});
`;
}
