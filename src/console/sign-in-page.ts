// Shown instead of any console page when printsim listens beyond loopback and
// the request carries no valid token.
import { html, type Html } from './html.js';

export function signInPage(reason: string, listening: string): Html {
  return html`<h1>Sign in</h1>
<p>This printsim listens on <code>${listening}</code>, where other machines can reach it, so the console shows printers, jobs and documents only with a token signed by this printsim.</p>
<p>Print one on the machine that runs printsim (same data folder):</p>
<pre><code>npx printsim token --user you@contoso.com --scopes PrintJob.ReadWrite.All --data-dir DATA_FOLDER</code></pre>
<form class="sign-in" data-sign-in>
<div class="field"><label for="f-token">Token</label>
<textarea id="f-token" name="token" rows="4" required spellcheck="false" autocomplete="off" aria-describedby="sign-in-reason"></textarea></div>
<p id="sign-in-reason" class="muted">${reason}</p>
<button type="submit" class="primary">Sign in</button>
<p class="muted">The token stays in this browser tab (session storage) and in a session cookie.</p>
<p class="error" role="alert" data-error></p>
</form>`;
}
