// Maintenance (one-off, weekly and cron windows) and Silences tabs (/api/v2/maintenance-windows, /api/v2/silences;
// a refused write shows the API's status, field and text in the form), the "silence" buttons of the
// live feed and the event audit (two clicks: the button fills the silence form, "Create silence" saves it), and
// the backtest of the rule form (/api/v2/backtest). Operator text reaches the page through textContent only.
'use strict';
const Noise = {
  start() {
    document.getElementById('mw-form').addEventListener('submit', Noise.createWindow);
    document.getElementById('mw-schedule').addEventListener('change', Noise.showSchedule);
    document.getElementById('mw-tz').value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    Noise.showSchedule();
    document.getElementById('si-form').addEventListener('submit', Noise.createSilence);
    document.getElementById('si-state').addEventListener('change', Noise.loadSilences);
    document.getElementById('bt-run').addEventListener('click', Noise.backtest);
  },

  /** "hostname=sw1 AND message_contains=LINK" */
  matchers(list) {
    return (list || []).map(m => m.kind + '=' + m.value).join(' AND ');
  },

  DAYS: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],

  /** ["mon", "tue", "wed", "thu", "fri", "sun"] → "Mon–Fri, Sun"; all seven → "every day". */
  days(list) {
    const on = Noise.DAYS.map(d => (list || []).includes(d));
    if (on.every(Boolean)) return 'every day';
    const name = i => Noise.DAYS[i].charAt(0).toUpperCase() + Noise.DAYS[i].substring(1);
    const parts = [];
    for (let i = 0; i < 7; i++) {
      if (!on[i]) continue;
      let j = i;
      while (j + 1 < 7 && on[j + 1]) j++;
      parts.push(j - i >= 2 ? name(i) + '–' + name(j) : j > i ? name(i) + ', ' + name(j) : name(i));
      i = j;
    }
    return parts.join(', ');
  },

  minutes(n) {
    return n % 60 === 0 ? n / 60 + ' h' : n + ' min';
  },

  /** A schedule as the list shows it: "Mon–Fri 22:00–23:00 Europe/Berlin", "cron 0 22 * * 6, open 4 h, UTC". */
  schedule(s) {
    if (!s) return '';
    if (s.type === 'once') return 'once ' + Mutt.time(s.start) + ' → ' + Mutt.time(s.end) + ' UTC';
    if (s.type === 'weekly') {
      return 'weekly ' + Noise.days(s.days) + ' ' + s.from + '–' + s.to + (s.to <= s.from ? ' (next day)' : '') + ' ' + s.time_zone;
    }
    return 'cron ' + s.cron + ', open ' + Noise.minutes(s.duration_minutes) + ', ' + s.time_zone;
  },

  /** Shows the inputs of the chosen schedule type (one-off, weekly days, cron). */
  showSchedule() {
    const type = document.getElementById('mw-schedule').value;
    document.querySelectorAll('#mw-form [data-schedule]').forEach(e => {
      e.hidden = !e.dataset.schedule.split(' ').includes(type);
    });
  },

  /** The schedule JSON the API reads (docs/reference/noise.md) from the form. */
  scheduleOf(form, v) {
    const zone = (v.time_zone || '').trim() || null;
    if (v.schedule_type === 'weekly') {
      const days = [...form.querySelectorAll('input[name=days]:checked')].map(c => c.value);
      return { type: 'weekly', days, from: v.from || null, to: v.to || null, time_zone: zone };
    }
    if (v.schedule_type === 'cron') {
      return { type: 'cron', cron: (v.cron || '').trim() || null, duration_minutes: v.duration_minutes === '' ? null : Number(v.duration_minutes), time_zone: zone };
    }
    const iso = x => (x ? new Date(x).toISOString() : null);
    return { type: 'once', start: iso(v.start), end: iso(v.end) };
  },

  async loadWindows() {
    try {
      const [active, upcoming] = await Promise.all([
        Mutt.api('GET', '/api/v2/maintenance-windows?state=active'),
        Mutt.api('GET', '/api/v2/maintenance-windows?state=upcoming')]);
      const row = (w, when) => ({
        attrs: { 'data-window-id': w.id },
        list: [String(w.id), Mutt.el('td', { class: 'mw-name' }, w.name), Mutt.el('td', { class: 'mono' }, Noise.matchers(w.matchers)),
          w.effect + (w.effect === 'downgrade' ? ' to ' + w.severity : ''), Mutt.time(when) + ' UTC', Noise.schedule(w.schedule),
          w.created_by || '', Mutt.el('td', {}, Mutt.el('button', { class: 'link', onclick: () => Noise.removeWindow(w) }, 'delete'))]
      });
      Mutt.fill('mw-active', active.windows, w => row(w, w.active_until));
      Mutt.fill('mw-upcoming', upcoming.windows, w => row(w, w.next_start));
    } catch (err) { Mutt.message('mw-message', Mutt.failure(err), false); }
  },

  async createWindow(ev) {
    ev.preventDefault();
    const form = document.getElementById('mw-form');
    const v = Mutt.formValues(form);
    const body = { name: v.name, matchers: [{ kind: v.kind, value: v.value }], effect: v.effect, schedule: Noise.scheduleOf(form, v) };
    if (v.effect === 'downgrade') body.severity = v.severity;
    if (v.comment) body.comment = v.comment;
    let r;
    try {
      r = await Mutt.api('POST', '/api/v2/maintenance-windows', body);
    } catch (err) {
      Mutt.refused(form, 'mw-message', err);
      return;
    }
    Mutt.clearRefusal(form);
    Mutt.message('mw-message', 'Window ' + r.id + ' created', true);
    Noise.loadWindows();
  },

  async removeWindow(w) {
    if (!window.confirm('Delete maintenance window ' + w.id + '?')) return;
    try {
      await Mutt.api('DELETE', '/api/v2/maintenance-windows/' + w.id);
      Mutt.message('mw-message', 'Window ' + w.id + ' deleted', true);
      Noise.loadWindows();
    } catch (err) { Mutt.message('mw-message', Mutt.failure(err), false); }
  },

  async loadSilences() {
    try {
      const state = document.getElementById('si-state').value;
      const r = await Mutt.api('GET', '/api/v2/silences?state=' + encodeURIComponent(state));
      Mutt.fill('si-table', r.silences, s => ({
        attrs: { 'data-silence-id': s.id },
        list: [String(s.id), s.state || '', Mutt.el('td', { class: 'mono si-matchers' }, Noise.matchers(s.matchers)), Mutt.time(s.starts_at),
          Mutt.time(s.expires_at), s.author || '', Mutt.el('td', { class: 'si-comment' }, s.comment || ''),
          Mutt.el('td', {}, s.state === 'expired' ? '' : Mutt.el('button', { class: 'link', onclick: () => Noise.expire(s) }, 'expire'))]
      }));
    } catch (err) { Mutt.message('si-message', err.message, false); }
  },

  async createSilence(ev) {
    ev.preventDefault();
    const v = Mutt.formValues(document.getElementById('si-form'));
    const matchers = [{ kind: v.kind1, value: v.value1 }];
    if (v.kind2 && v.value2) matchers.push({ kind: v.kind2, value: v.value2 });
    const hours = Number(v.hours || 2);
    const body = { matchers, comment: v.comment, expires_at: new Date(Date.now() + hours * 3600000).toISOString() };
    try {
      const r = await Mutt.api('POST', '/api/v2/silences', body);
      Mutt.message('si-message', 'Silence ' + r.id + ' created, until ' + Mutt.time(r.expires_at) + ' UTC', true);
      Noise.loadSilences();
    } catch (err) { Mutt.message('si-message', err.message, false); }
  },

  async expire(s) {
    if (!window.confirm('Expire silence ' + s.id + ' now?')) return;
    try {
      await Mutt.api('DELETE', '/api/v2/silences/' + s.id);
      Mutt.message('si-message', 'Silence ' + s.id + ' expired', true);
      Noise.loadSilences();
    } catch (err) { Mutt.message('si-message', err.message, false); }
  },

  /**
   * Opens the Silences tab with the form filled for a host (or, with a message, the host and message
   * signature); the second click is "Create silence".
   */
  prefill(hostname, message, from) {
    document.querySelector('#tabs button[data-tab=silences]').click();
    const f = document.getElementById('si-form');
    f.elements.kind1.value = 'hostname';
    f.elements.value1.value = hostname;
    f.elements.kind2.value = message ? 'message_contains' : '';
    f.elements.value2.value = message ? message.substring(0, 200) : '';
    f.elements.comment.value = 'silenced from the ' + from;
    Mutt.message('si-message', 'Check the matchers and the duration, then create the silence.', true);
    document.getElementById('si-save').focus();
  },

  /** The "silence host" and "silence signature" buttons of a live-feed item or audit row. */
  silenceButtons(hostname, message, tag) {
    const from = tag === 'span' ? 'live feed' : 'event audit';
    return Mutt.el(tag || 'td', { class: 'silence-actions' },
      Mutt.el('button', { class: 'link silence-host', onclick: () => Noise.prefill(hostname, null, from) }, 'silence host'),
      message ? Mutt.el('button', { class: 'link silence-signature', onclick: () => Noise.prefill(hostname, message, from) }, 'silence signature') : null);
  },

  async backtest() {
    const { id, body } = Rules.body();
    delete body.reason;
    const draft = id ? { rules: { change: [Object.assign({ id: Number(id) }, body)] } } : { rules: { add: [body] } };
    Mutt.message('bt-message', 'Replaying…', true);
    try {
      const r = await Mutt.api('POST', '/api/v2/backtest', { since: document.getElementById('bt-since').value, draft });
      const c = r.coverage || {};
      const share = c.share === null || c.share === undefined ? 'unknown share' : Math.round(c.share * 100) + ' % of the events accepted';
      Mutt.message('bt-message', r.events + ' audited events replayed (' + share + '), ' + r.changed + ' would change, in ' + r.elapsed_ms + ' ms', true);
      Mutt.fill('bt-table', r.changes, ch => [Mutt.el('td', { class: 'bt-change' }, ch.change), String(ch.count),
        Mutt.el('td', { class: 'mono' }, ch.examples.map(e => e.correlation_id + ' (' + e.hostname + ')').join(', '))]);
    } catch (err) { Mutt.message('bt-message', err.message, false); }
  }
};
