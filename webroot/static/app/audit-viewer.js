// The /audit page: filters and 20 rows per page from /api/v2/audit; change previews as text.
'use strict';
(function auditViewer() {
  let page = 1;
  let pages = 1;
  const form = document.getElementById('audit-filters');

  function preview(c) {
    if (c.operation === 'UPDATE' && c.old_values && c.new_values) {
      return Object.keys(c.new_values).filter(k => JSON.stringify(c.old_values[k]) !== JSON.stringify(c.new_values[k]))
        .map(k => k + ': ' + Mutt.json(c.old_values[k]) + ' → ' + Mutt.json(c.new_values[k])).join('; ');
    }
    return Mutt.json(c.new_values || c.old_values);
  }

  async function load() {
    const p = new URLSearchParams();
    Object.entries(Mutt.formValues(form)).forEach(([k, v]) => { if (v) p.set(k, v); });
    p.set('page', page);
    p.set('limit', 20);
    try {
      const r = await Mutt.api('GET', '/api/v2/audit?' + p.toString());
      pages = Math.max(1, r.pagination.pages);
      Mutt.fill('audit-table', r.logs, c => [Mutt.time(c.changed_at), c.changed_by, c.operation, c.table_name,
        String(c.record_id), Mutt.el('td', { class: 'mono' }, preview(c)), c.reason || '']);
      Mutt.text('audit-page', 'page ' + r.pagination.page + ' of ' + pages + ' (' + r.pagination.total + ' changes)');
      Mutt.message('audit-message', '', true);
    } catch (err) {
      Mutt.message('audit-message', 'Error: ' + err.message, false);
    }
  }

  form.addEventListener('submit', ev => { ev.preventDefault(); page = 1; load(); });
  document.getElementById('audit-prev').addEventListener('click', () => { page = Math.max(1, page - 1); load(); });
  document.getElementById('audit-next').addEventListener('click', () => { page = Math.min(pages, page + 1); load(); });
  load();
})();
