// printsim console: enhances the server-rendered pages. Live updates come from
// the server-sent event stream; sections marked data-refresh-on are re-fetched
// from the page's own URL when an event concerns them, so the browser shows
// what a reload would show without reloading.
/* global document, window, sessionStorage, fetch, EventSource, DOMParser, Element, navigator, location, URLSearchParams, setTimeout, clearTimeout, CSS */

const TOKEN_KEY = 'printsim.console.token';
const RETRY_KEY = 'printsim.console.retried';

// ------------------------------------------------------------------ requests

function authHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { 'x-printsim-token': token } : {};
}

/** A console action; throws an Error carrying the server's message (the Graph error body's). */
async function call(method, url, options = {}) {
  const headers = { 'x-printsim-console': '1', ...authHeaders(), ...(options.headers || {}) };
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const res = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  const type = res.headers.get('content-type') || '';
  const data = res.status === 204 ? null : type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const message = (data && data.error && data.error.message) || (typeof data === 'string' && data) || res.statusText;
    const error = new Error(message);
    error.status = res.status;
    throw error;
  }
  return data;
}

function toast(message) {
  const el = document.querySelector('[data-toast]');
  if (!el) return;
  el.textContent = message;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (el.textContent = ''), 2500);
}

function showError(scope, message) {
  const el = scope && scope.querySelector('[data-error]');
  if (el) el.textContent = message || '';
}

// ------------------------------------------------------------------ sign-in

function setUpSignIn() {
  const form = document.querySelector('[data-sign-in]');
  if (!form) return;
  const signIn = async (token) => {
    await call('POST', '/console/api/session', { json: { token } });
    sessionStorage.setItem(TOKEN_KEY, token);
    location.reload();
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(form, '');
    try {
      await signIn(form.elements.token.value.trim());
    } catch (err) {
      showError(form, err.message);
    }
  });
  // The tab already holds a token (its cookie was lost): sign in again once.
  const saved = sessionStorage.getItem(TOKEN_KEY);
  const retried = Number(sessionStorage.getItem(RETRY_KEY) || 0);
  if (saved && Date.now() - retried > 10000) {
    sessionStorage.setItem(RETRY_KEY, String(Date.now()));
    signIn(saved).catch((err) => {
      sessionStorage.removeItem(TOKEN_KEY);
      showError(form, err.message);
    });
  }
}

// ------------------------------------------------------------------ copy, cells, sign-out

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API needs a secure context; http on another host is not one.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  toast(`Copied ${text}`);
}

function applyCellToggles() {
  for (const box of document.querySelectorAll('[data-toggle-cells]')) {
    const preview = box.closest('.preview');
    if (preview) preview.classList.toggle('hide-cells', !box.checked);
  }
}

document.addEventListener('click', async (e) => {
  const target = e.target instanceof Element ? e.target : null;
  if (!target) return;
  const copyButton = target.closest('[data-copy]');
  if (copyButton) return copy(copyButton.dataset.copy);
  if (target.closest('[data-sign-out]')) {
    await call('DELETE', '/console/api/session').catch(() => undefined);
    sessionStorage.removeItem(TOKEN_KEY);
    location.reload();
    return;
  }
  const fault = target.closest('[data-fault]');
  if (fault) return reportFault(fault.closest('[data-printer-id]'), fault.dataset.fault, true, fault.textContent.trim());
  const clear = target.closest('[data-clear-fault]');
  if (clear) return clearFault(clear.closest('[data-printer-id]'));
  const cancel = target.closest('[data-cancel-job]');
  if (cancel) return cancelJob(cancel);
});

document.addEventListener('change', (e) => {
  if (e.target instanceof Element && e.target.matches('[data-toggle-cells]')) applyCellToggles();
});

// ------------------------------------------------------------------ printers and jobs

async function reportFault(section, detail, stops, label) {
  const id = section.dataset.printerId;
  showError(section, '');
  try {
    await call('PUT', `/console/api/printers/${encodeURIComponent(id)}/status`, {
      json: { state: stops ? 'stopped' : 'idle', details: [detail], description: `${label} (reported from the console)` },
    });
    toast(`${stops ? 'Printer stopped' : 'Reported'}: ${label}`);
    scheduleRefresh([`printer:${id}`]);
  } catch (err) {
    showError(section, err.message);
  }
}

async function clearFault(section) {
  const id = section.dataset.printerId;
  showError(section, '');
  try {
    await call('DELETE', `/console/api/printers/${encodeURIComponent(id)}/status`);
    toast('Fault cleared');
    scheduleRefresh([`printer:${id}`]);
  } catch (err) {
    showError(section, err.message);
  }
}

function setUpFaultForm() {
  const form = document.querySelector('[data-other-fault]');
  if (!form) return;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const select = form.elements.detail;
    reportFault(form.closest('[data-printer-id]'), select.value, form.elements.stops.checked, select.selectedOptions[0].textContent);
  });
}

async function cancelJob(button) {
  const scope = button.closest('#job-actions') || document;
  const id = button.dataset.cancelJob;
  button.disabled = true;
  showError(scope, '');
  try {
    await call('POST', `/console/api/jobs/${encodeURIComponent(id)}/cancel`);
    toast(`Job ${id} canceled`);
    scheduleRefresh([`job:${id}`]);
  } catch (err) {
    button.disabled = false;
    showError(scope, err.message);
  }
}

// ------------------------------------------------------------------ live updates

const pendingSections = new Set();
let refreshTimer = null;
let refreshing = false;

function scheduleRefresh(keys) {
  for (const el of document.querySelectorAll('[data-refresh-on]')) {
    const on = el.dataset.refreshOn.split(/\s+/);
    if (el.id && keys.some((k) => on.includes(k))) pendingSections.add(el.id);
  }
  // One page fetch at a time: a burst of events becomes one refresh.
  if (pendingSections.size > 0 && refreshTimer === null && !refreshing) refreshTimer = setTimeout(flushRefresh, 120);
}

async function fetchThisPage() {
  const res = await fetch(location.href, { headers: authHeaders(), credentials: 'same-origin' });
  if (!res.ok) return null;
  return new DOMParser().parseFromString(await res.text(), 'text/html');
}

/** Replaces `current` with `next`, keeping keyboard focus on the same control. */
function swap(current, next) {
  const active = document.activeElement;
  const hadFocus = active && current.contains(active);
  const clone = document.importNode(next, true);
  current.replaceWith(clone);
  if (hadFocus) {
    const same = [...clone.querySelectorAll(active.tagName)].find((el) => el.textContent === active.textContent);
    (same || clone).focus?.();
  }
}

async function flushRefresh() {
  refreshTimer = null;
  refreshing = true;
  const ids = [...pendingSections];
  pendingSections.clear();
  try {
    const doc = await fetchThisPage().catch(() => null);
    if (!doc) return;
    for (const id of ids) {
      const current = document.getElementById(id);
      const next = doc.getElementById(id);
      if (current && next) swap(current, next);
    }
    applyCellToggles();
  } finally {
    refreshing = false;
    if (pendingSections.size > 0) refreshTimer = setTimeout(flushRefresh, 120);
  }
}

/** After a reconnect events may have been missed: take every live part of the page afresh. */
async function refreshEverything() {
  const doc = await fetchThisPage().catch(() => null);
  if (!doc) return;
  for (const el of [...document.querySelectorAll('[data-refresh-on]')]) {
    const next = el.id && doc.getElementById(el.id);
    if (next) swap(el, next);
  }
  const wraps = [...document.querySelectorAll('.table-wrap')].filter((w) => w.querySelector('[data-live-jobs]'));
  const nextWraps = [...doc.querySelectorAll('.table-wrap')].filter((w) => w.querySelector('[data-live-jobs]'));
  wraps.forEach((w, i) => nextWraps[i] && swap(w, nextWraps[i]));
  const totals = [...document.querySelectorAll('[data-live-total]')];
  const nextTotals = [...doc.querySelectorAll('[data-live-total]')];
  totals.forEach((t, i) => nextTotals[i] && (t.textContent = nextTotals[i].textContent));
  applyCellToggles();
}

function matchesFilter(ds, ev) {
  if (ds.filterPrinter && ds.filterPrinter !== ev.printerId) return false;
  if (ds.filterState && ds.filterState !== ev.state) return false;
  if (ds.filterDoor && ds.filterDoor !== ev.door) return false;
  if (ds.filterOwner && ds.filterOwner.toLowerCase() !== (ev.owner || '').toLowerCase()) return false;
  return true;
}

function adjustTotal(delta) {
  for (const el of document.querySelectorAll('[data-live-total]')) el.textContent = String(Math.max(0, Number(el.textContent) + delta));
}

function rowFrom(markup) {
  const body = document.createElement('tbody');
  body.innerHTML = markup;
  return body.firstElementChild;
}

function updateTable(table, ev) {
  const body = table.tBodies[0];
  const existing = body.querySelector(`tr[data-job-id="${CSS.escape(ev.jobId)}"]`);
  const matches = matchesFilter(table.dataset, ev);
  if (existing) {
    if (!matches) {
      existing.remove();
      adjustTotal(-1);
    } else {
      const row = rowFrom(ev.row);
      existing.replaceWith(row);
      row.classList.add('flash');
    }
  } else if (matches && table.dataset.newest === 'true') {
    const rows = [...body.rows];
    const size = Number(table.dataset.size) || 50;
    const before = rows.find((r) => Number(r.dataset.seq) < ev.seq);
    if (before || rows.length < size) {
      const row = rowFrom(ev.row);
      body.insertBefore(row, before || null);
      row.classList.add('flash');
      while (body.rows.length > size) body.rows[body.rows.length - 1].remove();
    }
    adjustTotal(1);
  }
  const empty = table.closest('.table-wrap')?.querySelector('.empty');
  if (empty) empty.hidden = body.rows.length > 0;
}

function startLive() {
  const indicator = document.querySelector('[data-live-indicator]');
  const setState = (state, text) => {
    document.documentElement.dataset.live = state;
    if (indicator) {
      indicator.dataset.state = state;
      indicator.textContent = text;
    }
  };
  let connectedBefore = false;
  const source = new EventSource('/console/events', { withCredentials: true });
  source.addEventListener('open', () => {
    setState('open', 'live');
    if (connectedBefore) refreshEverything();
    connectedBefore = true;
  });
  source.addEventListener('error', () => setState('closed', 'reconnecting…'));
  source.addEventListener('job', (e) => {
    const ev = JSON.parse(e.data);
    for (const table of document.querySelectorAll('table[data-live-jobs]')) updateTable(table, ev);
    scheduleRefresh([`job:${ev.jobId}`, `jobs-of:${ev.printerId}`, 'jobs']);
  });
  source.addEventListener('printer', (e) => {
    const ev = JSON.parse(e.data);
    scheduleRefresh([`printer:${ev.printerId}`, 'printers']);
  });
  window.addEventListener('pagehide', () => source.close());
}

// ------------------------------------------------------------------ try a configuration

const TYPES = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', txt: 'text/plain' };

function typeOf(file) {
  if (file.type) return file.type;
  const ext = file.name.split('.').pop().toLowerCase();
  return TYPES[ext] || 'application/octet-stream';
}

/** "1-3, 5" → [{start:1,end:3},{start:5,end:5}]; order and overlaps are left for the server to judge. */
function parseRanges(text) {
  return text.split(',').map((piece) => {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(piece);
    if (!m) throw new Error(`Page ranges: "${piece.trim()}" is not a page or a range such as 2-5.`);
    return { start: Number(m[1]), end: Number(m[2] ?? m[1]) };
  });
}

function configurationOf(form) {
  const cfg = {};
  for (const el of form.querySelectorAll('#try-fields [name]')) {
    const { name } = el;
    const type = el.dataset.type;
    if (type === 'list') {
      if (el.checked) (cfg[name] ??= []).push(el.value);
      continue;
    }
    const text = el.value.trim();
    if (text === '') continue;
    let value = text;
    if (type === 'int') value = Number(text);
    else if (type === 'bool') value = text === 'true';
    else if (type === 'ranges') value = parseRanges(text);
    if (name.startsWith('margin.')) (cfg.margin ??= {})[name.slice(7)] = value;
    else cfg[name] = value;
  }
  return cfg;
}

function setUpTry() {
  const form = document.querySelector('[data-try-form]');
  if (!form) return;
  const result = document.querySelector('[data-try-result]');
  const output = result.querySelector('[data-try-output]');
  const input = form.querySelector('input[type=file]');
  const drop = form.querySelector('[data-drop]');
  const docName = form.querySelector('[data-document-name]');
  const printer = form.querySelector('[data-try-printer]');
  let file = null;
  let seq = 0;
  let timer = null;

  const request = () => {
    const params = new URLSearchParams({ printer: printer.value, configuration: JSON.stringify(configurationOf(form)) });
    if (file) {
      params.set('name', file.name);
      params.set('contentType', typeOf(file));
    }
    if (form.querySelector('[data-proof]').checked) params.set('proof', '1');
    return { params, options: file ? { body: file, headers: { 'content-type': 'application/octet-stream' } } : {} };
  };

  const preview = async () => {
    clearTimeout(timer);
    const mine = ++seq;
    showError(form, '');
    let req;
    try {
      req = request();
    } catch (err) {
      showError(form, err.message);
      result.dataset.state = 'error';
      result.dataset.previews = String(Number(result.dataset.previews || 0) + 1);
      return;
    }
    result.setAttribute('aria-busy', 'true');
    result.dataset.state = 'busy';
    try {
      const data = await call('POST', `/console/api/preview?${req.params}`, req.options);
      if (mine !== seq) return;
      output.innerHTML = data.html;
      result.dataset.state = 'ready';
      result.dataset.previews = String(Number(result.dataset.previews || 0) + 1);
      applyCellToggles();
    } catch (err) {
      if (mine !== seq) return;
      output.innerHTML = '<p class="muted">No preview: see the message next to the form.</p>';
      result.dataset.state = 'error';
      result.dataset.previews = String(Number(result.dataset.previews || 0) + 1);
      showError(form, err.message);
    } finally {
      if (mine === seq) result.setAttribute('aria-busy', 'false');
    }
  };
  const later = (ms) => {
    clearTimeout(timer);
    timer = setTimeout(preview, ms);
  };

  const useFile = (f) => {
    file = f || null;
    docName.textContent = file ? `${file.name} (${typeOf(file)})` : 'Using the built-in 6-page sample.';
    preview();
  };
  input.addEventListener('change', () => useFile(input.files[0]));
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length > 0) useFile(e.dataTransfer.files[0]);
  });

  // Another printer offers other values: take its fields from the server.
  printer.addEventListener('change', async () => {
    const res = await fetch(`/try?printer=${encodeURIComponent(printer.value)}`, { headers: authHeaders(), credentials: 'same-origin' });
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const next = doc.getElementById('try-fields');
    if (next) document.getElementById('try-fields').replaceWith(document.importNode(next, true));
    preview();
  });
  form.addEventListener('change', (e) => {
    if (e.target === input || e.target === printer) return;
    later(150);
  });
  form.addEventListener('input', (e) => {
    if (e.target instanceof Element && e.target.matches('input[type=number], input[data-type=ranges]')) later(500);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    preview();
  });
  form.querySelector('[data-try-preview]').addEventListener('click', preview);
  form.querySelector('[data-try-submit]').addEventListener('click', async (e) => {
    const button = e.currentTarget;
    showError(form, '');
    let req;
    try {
      req = request();
    } catch (err) {
      showError(form, err.message);
      return;
    }
    button.disabled = true;
    try {
      const data = await call('POST', `/console/api/jobs?${req.params}`, req.options);
      location.href = data.href;
    } catch (err) {
      showError(form, err.message);
      button.disabled = false;
    }
  });
  preview();
}

// ------------------------------------------------------------------ start

setUpSignIn();
setUpFaultForm();
setUpTry();
applyCellToggles();
if (document.body.dataset.page !== 'sign-in') startLive();
