// Resident import page: polls the job's progress (JSON) and updates the counts in place until
// the import has committed or failed.
(function () {
  'use strict';
  var job = document.getElementById('import-job');
  if (!job || !job.dataset.poll) { return; }
  function set(id, value) { document.getElementById(id).textContent = value; }
  function poll() {
    fetch(job.dataset.poll, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (p) {
        job.dataset.polls = String(Number(job.dataset.polls) + 1);
        job.dataset.state = p.state;
        set('ij-processed', p.processed);
        set('ij-total', p.total > 0 ? p.total : '?');
        var bar = document.getElementById('ij-bar');
        bar.value = p.percent;
        bar.textContent = p.percent + '%';
        set('ir-inserted', p.inserted);
        set('ir-updated', p.updated);
        set('ir-skipped', p.skipped);
        set('ir-rejected', p.rejected);
        document.getElementById('ij-running').hidden = !p.running;
        document.getElementById('ij-done').hidden = p.state !== 'done';
        document.getElementById('ij-failed').hidden = p.state !== 'failed';
        set('ij-error', p.error || '');
        if (p.running) { setTimeout(poll, 1000); }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  poll();
}());
