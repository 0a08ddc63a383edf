// The document shell every console page shares: header, navigation, live
// connection indicator and the script that enhances the server-rendered HTML.
import { html, type Html } from './html.js';

export type Section = 'printers' | 'jobs' | 'try' | 'none';

export interface PageOptions {
  title: string;
  section: Section;
  body: Html;
  /** Who is signed in, when the console asked for a token. */
  user?: string | null;
  /** data-page on <body>, so the script knows which page it enhances. */
  page: string;
}

const NAV: Array<[Exclude<Section, 'none'>, string, string]> = [
  ['printers', '/', 'Printers'],
  ['jobs', '/jobs', 'Jobs'],
  ['try', '/try', 'Try a configuration'],
];

export function layout(opts: PageOptions): string {
  // Before sign-in there is nothing to navigate to and no event stream.
  const signIn = opts.page === 'sign-in';
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · printsim</title>
<link rel="stylesheet" href="/console/assets/console.css">
<link rel="icon" href="/console/assets/favicon.svg" type="image/svg+xml">
<script type="module" src="/console/assets/console.js"></script>
</head>
<body data-page="${opts.page}">
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">printsim <span>console</span></a>
  ${signIn ? '' : html`<nav aria-label="Console">
    <ul>${NAV.map(([key, href, label]) => html`<li><a href="${href}"${key === opts.section ? html` aria-current="page"` : ''}>${label}</a></li>`)}</ul>
  </nav>
  <span class="live" data-live-indicator role="status" aria-live="polite">offline</span>`}
  ${opts.user ? html`<span class="user">${opts.user} <button type="button" class="link" data-sign-out>Sign out</button></span>` : ''}
</header>
<main id="main" tabindex="-1">
${opts.body}
</main>
<div class="toast" role="status" aria-live="polite" data-toast></div>
</body>
</html>
`;
  return doc.value;
}

/** A copyable value: the text plus a button that puts it on the clipboard. */
export function copyable(value: string, label: string): Html {
  return html`<span class="copyable"><code>${value}</code> <button type="button" class="copy" data-copy="${value}" aria-label="Copy ${label}">Copy</button></span>`;
}
