// Dev hosts, teams and dynamic configuration tabs.
'use strict';
const Admin = {
  start() {
    document.getElementById('host-form').addEventListener('submit', Admin.addHost);
    document.getElementById('team-form').addEventListener('submit', Admin.saveTeam);
    document.getElementById('config-form').addEventListener('submit', Admin.setConfig);
  },

  async loadHosts() {
    try {
      const r = await Mutt.api('GET', '/api/v2/dev-hosts');
      Mutt.fill('hosts-table', r.hosts, h => [h.hostname,
        Mutt.el('td', {}, Mutt.el('button', { class: 'link', onclick: () => Admin.deleteHost(h.hostname) }, 'delete'))]);
    } catch (err) { Mutt.message('host-message', err.message, false); }
  },

  async addHost(ev) {
    ev.preventDefault();
    try {
      await Mutt.api('POST', '/api/v2/dev-hosts', { hostname: document.getElementById('h-name').value });
      Mutt.message('host-message', 'Added', true);
      ev.target.reset();
      Admin.loadHosts();
    } catch (err) { Mutt.message('host-message', err.message, false); }
  },

  async deleteHost(hostname) {
    if (!window.confirm('Delete dev host ' + hostname + '?')) return;
    try {
      await Mutt.api('DELETE', '/api/v2/dev-hosts/' + encodeURIComponent(hostname));
      Admin.loadHosts();
    } catch (err) { Mutt.message('host-message', err.message, false); }
  },

  teams: [],

  async loadTeams() {
    try {
      Admin.teams = (await Mutt.api('GET', '/api/v2/teams')).teams;
      Mutt.fill('teams-table', Admin.teams, t => [t.hostname, t.team_assignment,
        Mutt.el('td', {}, Mutt.el('button', { class: 'link', onclick: () => Admin.deleteTeam(t.hostname) }, 'delete'))]);
    } catch (err) { Mutt.message('team-message', err.message, false); }
  },

  async saveTeam(ev) {
    ev.preventDefault();
    const hostname = document.getElementById('t-name').value;
    const team = document.getElementById('t-team').value;
    try {
      if (Admin.teams.some(t => t.hostname === hostname)) {
        await Mutt.api('PUT', '/api/v2/teams/' + encodeURIComponent(hostname), { team_assignment: team });
      } else {
        await Mutt.api('POST', '/api/v2/teams', { hostname, team_assignment: team });
      }
      Mutt.message('team-message', 'Saved', true);
      ev.target.reset();
      Admin.loadTeams();
    } catch (err) { Mutt.message('team-message', err.message, false); }
  },

  async deleteTeam(hostname) {
    if (!window.confirm('Delete the team mapping of ' + hostname + '?')) return;
    try {
      await Mutt.api('DELETE', '/api/v2/teams/' + encodeURIComponent(hostname));
      Admin.loadTeams();
    } catch (err) { Mutt.message('team-message', err.message, false); }
  },

  async loadConfig() {
    try {
      const r = await Mutt.api('GET', '/api/v2/config');
      const keys = Object.keys(r.config).sort();
      Mutt.fill('config-table', keys, k => [Mutt.el('td', { class: 'mono' }, k), Mutt.el('td', { class: 'mono' }, r.config[k])]);
      const h = await Mutt.api('GET', '/api/v2/config/history?limit=20');
      Mutt.fill('config-history', h.history, x => [Mutt.time(x.changed_at), x.changed_by, x.operation,
        (x.new_values || x.old_values || {}).key || '', (x.old_values || {}).value || '', (x.new_values || {}).value || '',
        x.reason || '']);
    } catch (err) { Mutt.message('config-message', err.message, false); }
  },

  async setConfig(ev) {
    ev.preventDefault();
    const v = Mutt.formValues(ev.target);
    try {
      const r = await Mutt.api('PUT', '/api/v2/config/' + encodeURIComponent(v.key), { value: v.value, reason: v.reason || undefined });
      Mutt.message('config-message', r.key + ': ' + (r.old_value === null ? '(unset)' : r.old_value) + ' → ' + r.new_value, true);
      Admin.loadConfig();
    } catch (err) { Mutt.message('config-message', err.message, false); }
  }
};
