// Shared helpers of the dashboard. Every piece of operator or event text reaches the page through textContent
// (never innerHTML), so a rule or event containing <script> is shown as text.
'use strict';
const Mutt = {
  csrf: null,

  /**
   * fetch() wrapper: JSON in and out, the session's CSRF token on writes; rejects with the API's error text
   * (err.message), its HTTP status and reason phrase (err.status, err.reason) and the field it named (err.field).
   */
  async api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && Mutt.csrf) headers['X-CSRF-Token'] = Mutt.csrf;
    const res = await fetch(path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status === 401) { window.location.href = '/login'; throw new Error('Signed out'); }
    const text = await res.text();
    let data = {};
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (err) {
        throw new Error((res.ok ? 'Unreadable answer' : 'HTTP ' + res.status) + ' from ' + path);
      }
    }
    if (!res.ok) {
      const err = new Error(data.error || ('HTTP ' + res.status));
      err.status = res.status;
      err.reason = res.statusText;
      err.field = Mutt.fieldOf(res.status, data);
      throw err;
    }
    return data;
  },

  /**
   * The input field a refusal names: the answer's "field", else the field path a 400's text starts with (the API's
   * bad-input messages lead with it, e.g. "schedule.time_zone is not a known time zone").
   */
  fieldOf(status, data) {
    if (typeof data.field === 'string') return data.field;
    const m = status === 400 && typeof data.error === 'string' ? /^([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+)*) /.exec(data.error) : null;
    return m ? m[1] : null;
  },

  /** A failed call as the operator reads it: "HTTP 400 Bad Request · field schedule.cron · <the API's text>". */
  failure(err) {
    if (!err.status) return err.message;
    return ['HTTP ' + err.status + (err.reason ? ' ' + err.reason : ''), err.field ? 'field ' + err.field : null, err.message]
      .filter(Boolean).join(' · ');
  },

  /** Shows a refused form in its message line and marks the input (data-field) of the field the API named. */
  refused(form, messageId, err) {
    Mutt.clearRefusal(form);
    Mutt.message(messageId, Mutt.failure(err), false);
    const input = err.field ? [...form.querySelectorAll('[data-field]')].find(e => e.dataset.field === err.field) : null;
    if (input) input.setAttribute('aria-invalid', 'true');
  },

  clearRefusal(form) {
    form.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
  },

  /** Creates an element; children are nodes or strings (added as text). */
  el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
      else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  },

  text(id, value) {
    const e = document.getElementById(id);
    if (e) e.textContent = value === null || value === undefined ? '–' : String(value);
    return e;
  },

  /** Replaces the body rows of a table with one row per item, cells made by cellsOf(item). */
  fill(tableId, items, cellsOf) {
    const tbody = document.querySelector('#' + tableId + ' tbody');
    tbody.replaceChildren(...items.map(item => {
      const cells = cellsOf(item);
      const tr = Mutt.el('tr', cells.attrs || {});
      (cells.list || cells).forEach(c => tr.appendChild(c instanceof Node && c.tagName === 'TD' ? c : Mutt.el('td', {}, c)));
      return tr;
    }));
  },

  message(id, text, ok) {
    const e = document.getElementById(id);
    e.textContent = text || '';
    e.className = 'message ' + (ok ? 'ok' : 'error');
  },

  json(v) {
    return v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  },

  time(iso) {
    return iso ? iso.replace('T', ' ').substring(0, 19) : '';
  },

  formValues(form) {
    const out = {};
    new FormData(form).forEach((v, k) => { out[k] = v; });
    return out;
  }
};
