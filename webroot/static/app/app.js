// Dashboard entry point: session (CSRF token), tabs, and the start of each tab's module.
'use strict';
(async function main() {
  try {
    const s = await Mutt.api('GET', '/api/v2/session');
    Mutt.csrf = s.csrf_token;
    Mutt.text('who', s.actor);
  } catch (err) {
    Mutt.message('page-message', 'The dashboard could not start: ' + err.message, false);
    return;
  }
  const loaders = {
    overview: () => {}, rules: Rules.load, windows: Noise.loadWindows, silences: Noise.loadSilences, hosts: Admin.loadHosts, teams: Admin.loadTeams, config: Admin.loadConfig,
    dlq: Dlq.load, 'config-audit': Audits.loadConfig, 'event-audit': Audits.loadEvents
  };
  document.querySelectorAll('#tabs button').forEach(b => b.addEventListener('click', () => {
    document.querySelectorAll('#tabs button').forEach(x => x.classList.toggle('active', x === b));
    document.querySelectorAll('section.tab').forEach(s => s.classList.toggle('active', s.id === 'tab-' + b.dataset.tab));
    loaders[b.dataset.tab]();
  }));
  document.getElementById('logout').addEventListener('click', async () => {
    try {
      await Mutt.api('POST', '/logout');
      window.location.href = '/login';
    } catch (err) {
      Mutt.message('page-message', 'Sign out failed: ' + err.message, false);
    }
  });
  Rules.start();
  Noise.start();
  Admin.start();
  Dlq.start();
  Audits.start();
  Overview.start();
})();
