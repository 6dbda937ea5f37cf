// Broadcast pages: the audio player renders the programme on request, and the delivery report
// refreshes itself every few seconds while anything can still change (JSON with the report's HTML).
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.content : '';

  // "41 % recorded voice · synthesized: ..." so staff know what to record next.
  function sources(a, info) {
    if (a.recordedShare === null || a.recordedShare === undefined) { return ''; }
    var text = ' · ' + Math.round(a.recordedShare * 100) + '% ' + info.dataset.recorded;
    if (a.synthesized && a.synthesized.length) { text += ' · ' + info.dataset.synthesized + ': ' + a.synthesized.join(' | '); }
    return text;
  }

  document.querySelectorAll('button[data-audio]').forEach(function (button) {
    button.addEventListener('click', function () {
      var box = button.closest('.player');
      var audio = box.querySelector('audio');
      var info = box.querySelector('[data-role="audio-info"]');
      button.disabled = true;
      button.dataset.label = button.dataset.label || button.textContent;
      button.textContent = button.dataset.working;
      fetch(button.dataset.audio, { method: 'POST', credentials: 'same-origin',
        headers: { 'X-CSRF-Token': csrf, 'Accept': 'application/json' } })
        .then(function (r) { if (!r.ok) { throw new Error(r.status + ' ' + r.statusText); } return r.json(); })
        .then(function (a) {
          if (a.url) {
            audio.src = audio.canPlayType('audio/mpeg') ? a.url : a.wavUrl;
            audio.load();
            info.textContent = a.durationSeconds.toFixed(1) + ' s · ' + a.engine + sources(a, info);
          } else {
            info.textContent = Object.keys(a.errors || {}).map(function (k) { return k + ': ' + a.errors[k]; }).join('; ');
          }
        })
        .catch(function (e) { info.textContent = e.message; })
        .then(function () { button.disabled = false; button.textContent = button.dataset.label; });
    });
  });

  var progress = document.getElementById('progress');
  if (!progress || !progress.dataset.poll) { return; }
  function poll() {
    fetch(progress.dataset.poll, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (p) {
        progress.innerHTML = p.html;
        if (window.tocsinLayout) { window.tocsinLayout(progress); }
        progress.dataset.live = p.live;
        var status = document.getElementById('status');
        if (status) { status.textContent = p.status; status.className = 'badge st-' + p.status; }
        if (p.live) { setTimeout(poll, 2000); }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  if (progress.dataset.live === 'true') { setTimeout(poll, 2000); }
}());
