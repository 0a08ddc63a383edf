// A plain page for "not found" and similar answers to page requests.
import { html, type Html } from './html.js';

export function messagePage(title: string, message: string): Html {
  return html`<h1>${title}</h1>
<p>${message}</p>
<p><a href="/">Printers</a> · <a href="/jobs">Jobs</a></p>`;
}
