// Rules tab: list, create/edit/delete through /api/v2/rules, and the inline rule tester (/api/v2/rules/test).
'use strict';
const Rules = {
  rules: [],

  start() {
    document.getElementById('rule-form').addEventListener('submit', Rules.save);
    document.getElementById('rule-reset').addEventListener('click', Rules.reset);
    document.getElementById('tester-run').addEventListener('click', Rules.test);
  },

  async load() {
    try {
      Rules.rules = (await Mutt.api('GET', '/api/v2/rules')).rules;
      Mutt.fill('rules-table', Rules.rules, r => ({
        attrs: { class: r.is_active ? '' : 'inactive', 'data-rule-id': r.id },
        list: [String(r.id), String(r.priority), Mutt.el('td', { class: 'mono rule-match' }, r.match_string || ''), r.match_type,
          Mutt.el('td', { class: 'mono' }, r.trap_oid || ''), r.syslog_severity === null ? '' : String(r.syslog_severity),
          r.prod_handling, r.dev_handling, r.team_assignment,
          Mutt.el('td', { class: 'mono rule-clear' }, r.clear_pattern ? r.clear_pattern + (r.clear_key ? ' [' + r.clear_key + ']' : '') : ''),
          r.is_active ? 'yes' : 'no',
          Mutt.el('td', {}, Mutt.el('button', { class: 'link', onclick: () => Rules.edit(r) }, 'edit'),
            Mutt.el('button', { class: 'link', onclick: () => Rules.remove(r) }, 'delete'))]
      }));
    } catch (err) { Mutt.message('rule-message', err.message, false); }
  },

  /** The form as a rule body: empty optional fields become null, numbers become numbers. */
  body() {
    const v = Mutt.formValues(document.getElementById('rule-form'));
    const body = {
      match_string: v.match_string || null, trap_oid: v.trap_oid || null, match_type: v.match_type,
      syslog_severity: v.syslog_severity === '' ? null : Number(v.syslog_severity),
      priority: v.priority === '' ? 100 : Number(v.priority), prod_handling: v.prod_handling,
      dev_handling: v.dev_handling, team_assignment: v.team_assignment,
      is_active: document.getElementById('r-active').checked,
      clear_pattern: v.clear_pattern || null, clear_key: v.clear_key || null,
      flap_threshold: Rules.number(v.flap_threshold), flap_window_minutes: Rules.number(v.flap_window_minutes),
      flap_stable_minutes: Rules.number(v.flap_stable_minutes)
    };
    if (v.reason) body.reason = v.reason;
    return { id: v.id, body };
  },

  /** An optional number field: empty → null (the global default), else the number as typed. */
  number(v) {
    return v === undefined || v === '' ? null : Number(v);
  },

  async save(ev) {
    ev.preventDefault();
    const { id, body } = Rules.body();
    try {
      if (id) {
        await Mutt.api('PUT', '/api/v2/rules/' + encodeURIComponent(id), body);
        Mutt.message('rule-message', 'Rule ' + id + ' updated', true);
      } else {
        const r = await Mutt.api('POST', '/api/v2/rules', body);
        Mutt.message('rule-message', 'Rule ' + r.id + ' created', true);
        Rules.reset();
      }
      Rules.load();
    } catch (err) { Mutt.message('rule-message', err.message, false); }
  },

  edit(r) {
    const f = document.getElementById('rule-form');
    for (const k of ['id', 'match_string', 'trap_oid', 'syslog_severity', 'match_type', 'priority', 'prod_handling',
      'dev_handling', 'team_assignment', 'clear_pattern', 'clear_key', 'flap_threshold', 'flap_window_minutes',
      'flap_stable_minutes']) {
      f.elements[k].value = r[k] === null || r[k] === undefined ? '' : r[k];
    }
    document.getElementById('r-active').checked = r.is_active;
    Mutt.text('rule-form-title', 'Edit rule ' + r.id);
  },

  reset() {
    const f = document.getElementById('rule-form');
    f.reset();
    f.elements.id.value = '';
    Mutt.text('rule-form-title', 'New rule');
  },

  async remove(r) {
    if (!window.confirm('Delete rule ' + r.id + '?')) return;
    try {
      await Mutt.api('DELETE', '/api/v2/rules/' + r.id);
      Mutt.message('rule-message', 'Rule ' + r.id + ' deleted', true);
      Rules.load();
    } catch (err) { Mutt.message('rule-message', err.message, false); }
  },

  async test() {
    let parsed;
    try {
      parsed = JSON.parse(document.getElementById('tester-events').value);
    } catch (err) {
      Mutt.message('tester-message', 'The events are not valid JSON: ' + err.message, false);
      return;
    }
    const req = Array.isArray(parsed) ? { events: parsed } : { event: parsed };
    if (document.getElementById('tester-use-draft').checked) {
      const { id, body } = Rules.body();
      req.rule = body;
      if (id) req.rule.id = Number(id);
    }
    try {
      const r = await Mutt.api('POST', '/api/v2/rules/test', req);
      Mutt.message('tester-message', r.results.length + ' event(s) tested against ' + r.rules_evaluated + ' rules', true);
      Mutt.fill('tester-results', r.results, x => [String(x.index), x.hostname || '',
        x.matched ? ('#' + x.rule_id + (x.draft ? ' (draft)' : '') + ' ' + (x.rule.match_string || x.rule.trap_oid)) : 'no rule (unhandled)',
        x.environment, x.handling || '–', x.forwarded ? 'yes' : 'no', x.team || '']);
    } catch (err) { Mutt.message('tester-message', err.message, false); }
  }
};
