// DLQ tab: browse a dead-letter queue page by page (index 0 = newest), inspect, replay or purge entries.
'use strict';
const Dlq = {
  offset: 0,
  limit: 25,
  entries: [],

  start() {
    document.getElementById('dlq-load').addEventListener('click', () => { Dlq.offset = 0; Dlq.load(); });
    document.getElementById('dlq-name').addEventListener('change', () => { Dlq.offset = 0; Dlq.load(); });
    document.getElementById('dlq-prev').addEventListener('click', () => { Dlq.offset = Math.max(0, Dlq.offset - Dlq.limit); Dlq.load(); });
    document.getElementById('dlq-next').addEventListener('click', () => { Dlq.offset += Dlq.limit; Dlq.load(); });
    document.getElementById('dlq-replay-selected').addEventListener('click', () => Dlq.act('replay', false));
    document.getElementById('dlq-replay-all').addEventListener('click', () => Dlq.act('replay', true));
    document.getElementById('dlq-purge-selected').addEventListener('click', () => Dlq.act('purge', false));
    document.getElementById('dlq-purge-all').addEventListener('click', () => Dlq.act('purge', true));
  },

  name() {
    return document.getElementById('dlq-name').value;
  },

  async load() {
    try {
      const r = await Mutt.api('GET', '/api/v2/dlq/' + Dlq.name() + '?offset=' + Dlq.offset + '&limit=' + Dlq.limit);
      Dlq.entries = r.entries;
      Mutt.text('dlq-page', r.depth === 0 ? 'empty' : (r.offset + 1) + '–' + (r.offset + r.entries.length) + ' of ' + r.depth);
      Mutt.fill('dlq-table', r.entries, e => ({ attrs: { 'data-index': e.index }, list: [
        Mutt.el('td', {}, Mutt.el('input', { type: 'checkbox', class: 'dlq-pick', value: e.index })),
        String(e.index), Mutt.time(e.failed_at), e.dlq_reason || '', Mutt.el('td', { class: 'mono' }, e.correlation_id || ''),
        Mutt.el('td', { class: 'mono' }, Mutt.el('button', { class: 'link', onclick: () => Dlq.show(e) }, 'view'),
          ' ', (e.raw || '').substring(0, 120))] }));
    } catch (err) { Mutt.message('dlq-message', err.message, false); }
  },

  show(e) {
    document.getElementById('dlq-detail').textContent = e.entry ? JSON.stringify(e.entry, null, 2) : e.raw;
  },

  async act(action, all) {
    const indexes = [...document.querySelectorAll('.dlq-pick:checked')].map(c => Number(c.value));
    if (!all && indexes.length === 0) { Mutt.message('dlq-message', 'Select entries first', false); return; }
    const what = all ? 'ALL entries' : indexes.length + ' entr' + (indexes.length === 1 ? 'y' : 'ies');
    if (!window.confirm(action + ' ' + what + ' of the ' + Dlq.name() + ' DLQ?')) return;
    try {
      const r = await Mutt.api('POST', '/api/v2/dlq/' + Dlq.name() + '/' + action, all ? { all: true } : { indexes });
      Mutt.message('dlq-message', action === 'replay' ? ('Replayed ' + r.replayed + ' to the ' + r.target + ' stream')
        : ('Purged ' + r.purged), true);
      Dlq.load();
    } catch (err) { Mutt.message('dlq-message', err.message, false); }
  }
};
