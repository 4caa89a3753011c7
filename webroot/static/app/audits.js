// Config audit, event audit and event tracing tabs.
'use strict';
const Audits = {
  caPage: 1,
  eaPage: 1,

  start() {
    document.getElementById('ca-form').addEventListener('submit', ev => { ev.preventDefault(); Audits.caPage = 1; Audits.loadConfig(); });
    document.getElementById('ca-prev').addEventListener('click', () => { Audits.caPage = Math.max(1, Audits.caPage - 1); Audits.loadConfig(); });
    document.getElementById('ca-next').addEventListener('click', () => { Audits.caPage++; Audits.loadConfig(); });
    document.getElementById('ea-form').addEventListener('submit', ev => { ev.preventDefault(); Audits.eaPage = 1; Audits.loadEvents(); });
    document.getElementById('ea-prev').addEventListener('click', () => { Audits.eaPage = Math.max(1, Audits.eaPage - 1); Audits.loadEvents(); });
    document.getElementById('ea-next').addEventListener('click', () => { Audits.eaPage++; Audits.loadEvents(); });
    document.getElementById('trace-run').addEventListener('click', () => Audits.trace(document.getElementById('trace-id').value));
  },

  query(form, page, limit) {
    const p = new URLSearchParams();
    Object.entries(Mutt.formValues(form)).forEach(([k, v]) => { if (v) p.set(k, v); });
    p.set('page', page);
    p.set('limit', limit);
    return p.toString();
  },

  async loadConfig() {
    try {
      const r = await Mutt.api('GET', '/api/v2/config-audit?' + Audits.query(document.getElementById('ca-form'), Audits.caPage, 20));
      Mutt.fill('ca-table', r.changes, c => [Mutt.time(c.changed_at), c.changed_by, c.operation, c.table_name, String(c.record_id),
        Mutt.el('td', { class: 'mono' }, Mutt.json(c.old_values)), Mutt.el('td', { class: 'mono' }, Mutt.json(c.new_values)), c.reason || '']);
      Mutt.text('ca-page', 'page ' + r.pagination.page + ' of ' + r.pagination.pages + ' (' + r.pagination.total + ')');
      Mutt.message('ca-message', '', true);
    } catch (err) { Mutt.message('ca-message', err.message, false); }
  },

  async loadEvents() {
    try {
      const r = await Mutt.api('GET', '/api/v2/audit-logs?' + Audits.query(document.getElementById('ea-form'), Audits.eaPage, 20));
      Mutt.fill('ea-table', r.logs, l => {
        const o = Audits.parsed(l.raw_message);
        const msg = o ? o.message : l.raw_message;
        const cid = o ? o._correlation_id : null;
        return [Mutt.time(l.event_timestamp), l.hostname, l.matched_rule_id === null ? 'none' : String(l.matched_rule_id), l.handling_decision,
          l.forwarded_to_moog ? (l.coalesced_into ? 'coalesced into ' + l.coalesced_into : 'yes') : 'no',
          Mutt.el('td', { class: 'noise' }, l.noise_decision || ''), Mutt.el('td', { class: 'mono' }, msg || ''),
          Mutt.el('td', {}, cid ? Mutt.el('button', { class: 'link', onclick: () => Audits.trace(cid) }, 'trace') : ''),
          Noise.silenceButtons(l.hostname, msg)];
      });
      Mutt.text('ea-page', 'page ' + r.pagination.page + ' of ' + r.pagination.pages + ' (' + r.pagination.total + ')');
      Mutt.message('ea-message', '', true);
    } catch (err) { Mutt.message('ea-message', err.message, false); }
  },

  /** The audited event as an object, or null when it was stored as plain text rather than JSON. */
  parsed(raw) {
    if (typeof raw !== 'string' || !raw.trim().startsWith('{')) return null;
    try { return JSON.parse(raw); } catch (err) { return null; }
  },

  async trace(id) {
    document.getElementById('trace-id').value = id;
    const out = document.getElementById('trace-result');
    try {
      out.textContent = JSON.stringify(await Mutt.api('GET', '/api/v2/events/' + encodeURIComponent(id)), null, 2);
    } catch (err) { out.textContent = err.message; }
  }
};
