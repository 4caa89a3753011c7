// Overview tab: live counters from the server-sent event stream /api/v2/live (a snapshot every second plus the
// sampled live feed), the 24-hour chart from /api/v2/metrics and the SLO table from /api/v2/slo.
'use strict';
const Overview = {
  source: null,

  start() {
    Overview.connect();
    Overview.loadChart();
    Overview.loadSlo();
    setInterval(Overview.loadChart, 60000);
    setInterval(Overview.loadSlo, 30000);
  },

  connect() {
    const es = new EventSource('/api/v2/live');
    Overview.source = es;
    es.addEventListener('open', () => Overview.status(true));
    es.addEventListener('error', () => Overview.status(false));
    es.addEventListener('snapshot', e => Overview.snapshot(JSON.parse(e.data)));
    es.addEventListener('live', e => Overview.live(JSON.parse(e.data)));
  },

  status(up) {
    document.getElementById('live-dot').className = up ? 'dot on' : 'dot';
    Mutt.text('live-text', up ? 'live' : 'reconnecting…');
  },

  snapshot(s) {
    const e = s.events_per_min || {};
    Mutt.text('ev-1m', e['1m']);
    Mutt.text('ev-15m', e['15m']);
    Mutt.text('ev-1h', e['1h']);
    Mutt.text('ev-per-s', e['1m'] === undefined ? null : (e['1m'] / 60).toFixed(2));
    Mutt.text('ev-today', s.events_today);
    Mutt.text('alerts-forwarded', s.alerts_forwarded === null ? 'n/a here' : s.alerts_forwarded);
    Mutt.text('q-ingest', s.queues && s.queues.ingest);
    Mutt.text('q-alerts', s.queues && s.queues.alerts);
    for (const n of ['alerter', 'moog', 'dead']) Mutt.text('dlq-' + n, s.dlq && s.dlq[n]);
    for (const n of ['alerter', 'moog']) Mutt.text('dlq-' + n + '-drain', Overview.drain(s.dlq_drain && s.dlq_drain[n]));
    for (const n of ['http', 'syslog', 'traps']) {
      const src = s.sources && s.sources[n];
      Mutt.text('src-' + n, src && src.per_s);
      Mutt.text('src-' + n + '-note', src ? src.today + ' today, ' + src.total + ' in total' : null);
    }
    const st = s.storm || {};
    Mutt.text('storm-in', st.events_in_per_s);
    Mutt.text('storm-out', st.alerts_out_per_s);
    Mutt.text('storm-coalesced', st.coalesced_total);
    Mutt.text('storm-deferred', st.deferred_seconds_total === undefined ? null : Overview.duration(st.deferred_seconds_total));
    Mutt.text('storm-drain', st.dlq_drain_seconds === undefined ? null
      : st.dlq_drain_seconds === null ? 'unknown' : st.dlq_drain_seconds === 0 ? 'empty'
      : st.dlq_drain_seconds < 0 ? 'not draining' : '~' + Overview.duration(st.dlq_drain_seconds));
    Mutt.text('circuit', s.circuit).className = 'value small state-' + s.circuit;
    const n = s.notifier;
    const note = Mutt.text('notifier', n ? n.outcome + ' ' + new Date(n.at).toLocaleTimeString() : 'none sent');
    note.className = 'value small state-' + (n ? n.outcome : 'none');
    note.title = n ? n.subject : '';
    Mutt.text('moog-health', s.moog_health === null ? 'n/a here' : (s.moog_health >= 1 ? 'healthy' : 'unhealthy'));
    const slo = s.slo || {};
    for (const c of ['ingestor', 'forwarder']) Mutt.text('slo-' + c, slo[c]).className = 'value small state-' + slo[c];
    Mutt.text('slo-source', slo.source);
  },

  // "drains in ~N s" while remediation replays, else why it does not (see docs/adr/0018).
  drain(d) {
    if (!d) return null;
    if (d.drain_seconds === 0) return 'empty';
    if (d.drain_seconds > 0) return 'drains in ~' + Overview.duration(d.drain_seconds);
    return { paused_target_full: 'paused: target stream full', paused_circuit_open: 'paused: circuit open',
      paused_moog_unhealthy: 'paused: Moogsoft unhealthy', unknown: 'no remediation leader' }[d.drain_state]
      || 'not draining';
  },

  duration(s) {
    if (s < 120) return Math.round(s) + ' s';
    if (s < 7200) return Math.round(s / 60) + ' min';
    return (s / 3600).toFixed(1) + ' h';
  },

  live(msg) {
    const feed = document.getElementById('live-feed');
    const when = new Date().toLocaleTimeString();
    const text = Object.entries(msg).filter(([k]) => k !== 'type').map(([k, v]) => k + '=' + Mutt.json(v)).join(' ');
    const item = Mutt.el('li', {}, Mutt.el('span', { class: 'badge' }, msg.type || 'event'), ' ', when, ' ', text);
    if (msg.hostname) item.appendChild(Noise.silenceButtons(msg.hostname, msg.message, 'span'));
    feed.prepend(item);
    while (feed.children.length > 50) feed.lastChild.remove();
  },

  async loadChart() {
    try {
      const m = await Mutt.api('GET', '/api/v2/metrics');
      Overview.draw(m.chart_24h.labels, m.chart_24h.data);
      Mutt.message('chart-message', '', true);
    } catch (err) {
      Mutt.message('chart-message', 'The chart could not be updated: ' + err.message, false);
    }
  },

  draw(labels, data) {
    const c = document.getElementById('chart');
    const g = c.getContext('2d');
    const w = c.width, h = c.height, pad = 24;
    g.clearRect(0, 0, w, h);
    const max = Math.max(1, ...data);
    g.strokeStyle = '#dde2ea';
    g.beginPath(); g.moveTo(pad, h - pad); g.lineTo(w - 4, h - pad); g.stroke();
    g.fillStyle = '#6b7585'; g.font = '10px sans-serif';
    labels.forEach((l, i) => { if (i % 3 === 0) g.fillText(l, pad + i * (w - pad - 8) / 23 - 10, h - 8); });
    g.fillText(String(max), 2, pad);
    g.strokeStyle = '#2b6cb0'; g.lineWidth = 2; g.beginPath();
    data.forEach((v, i) => {
      const x = pad + i * (w - pad - 8) / 23, y = h - pad - (v / max) * (h - 2 * pad);
      if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
  },

  async loadSlo() {
    try {
      const r = await Mutt.api('GET', '/api/v2/slo');
      Mutt.fill('slo-table', r.slos, s => [s.slo_name, s.target !== undefined ? s.target : s.target_seconds + ' s',
        s.actual_value === null ? '–' : Number(s.actual_value).toFixed(4),
        Mutt.el('span', { class: 'state-' + (s.status === 'ok' ? 'ok' : s.status === 'critical' ? 'critical' : 'warn') }, s.status),
        s.burn_rate === null ? '–' : s.burn_rate, s.error_budget_remaining === null ? '–' : Number(s.error_budget_remaining).toFixed(3),
        s.message]);
      Mutt.message('slo-message', '', true);
    } catch (err) {
      Mutt.message('slo-message', 'The SLOs could not be updated: ' + err.message, false);
    }
  }
};
