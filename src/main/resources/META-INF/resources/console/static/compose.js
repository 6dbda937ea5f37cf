// Compose page: live preview (SMS, loudspeaker script with dialect rewrites marked, the spoken
// text with what is read other than as written marked, planned occurrences) and field errors as you type, from the server's own compose and schedule
// checks; the audio player renders the programme on request. No framework.
(function () {
  'use strict';
  var form = document.getElementById('compose');
  if (!form) { return; }
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var timer = null;
  var seq = 0;
  // Errors the server gave on submit stay until their field is edited: the live preview checks
  // the template and the schedule, not everything the submit checks (areas, channels).
  var sticky = {};
  form.querySelectorAll('[data-error-for]').forEach(function (span) {
    if (span.textContent.trim()) { sticky[span.dataset.errorFor] = span.textContent; }
  });

  function touched(name) {
    Object.keys(sticky).forEach(function (field) {
      if (name === field || name.indexOf(field + '.') === 0) { delete sticky[field]; }
    });
  }

  function body() { return new URLSearchParams(new FormData(form)); }

  function post(url) {
    return fetch(url, {
      method: 'POST', body: body(), credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf, 'Accept': 'application/json' }
    }).then(function (r) {
      if (!r.ok) { throw new Error(r.status + ' ' + r.statusText); }
      return r.json();
    });
  }

  function showKinds() {
    var checked = form.querySelector('input[name="schedule.kind"]:checked');
    var kind = checked ? checked.value : 'NOW';
    form.querySelectorAll('[data-kinds]').forEach(function (el) {
      el.hidden = el.dataset.kinds.split(' ').indexOf(kind) < 0;
      // Not sent either: a date left in a hidden field must not travel with a "now" notice.
      el.querySelectorAll('input, select, textarea').forEach(function (input) { input.disabled = el.hidden; });
    });
  }

  // A channel's own times: only the fields of the kind chosen are shown and sent.
  function showOwnKinds() {
    form.querySelectorAll('[data-channel-times]').forEach(function (box) {
      var kind = box.querySelector('[data-own-kind]').value;
      box.querySelectorAll('[data-own-kinds]').forEach(function (el) {
        el.hidden = el.dataset.ownKinds.split(' ').indexOf(kind) < 0;
        el.querySelectorAll('input').forEach(function (input) { input.disabled = el.hidden; });
      });
    });
  }

  // A date taken from the schedule: the typed dates are neither editable nor sent.
  function showFromSchedule() {
    form.querySelectorAll('[data-from-schedule]').forEach(function (box) {
      var field = box.dataset.fromSchedule;
      form.querySelectorAll('input[name="' + field + '"], input[name="' + field + '.from"], input[name="' + field + '.to"]')
        .forEach(function (input) { input.disabled = box.checked; });
    });
  }

  function showErrors(errors) {
    form.querySelectorAll('[data-error-for]').forEach(function (span) {
      var field = span.dataset.errorFor;
      var msg = errors[field] || sticky[field] || '';
      span.textContent = msg;
      var box = span.closest('.field');
      if (box) { box.classList.toggle('invalid', !!msg); }
      form.querySelectorAll('[name="' + field + '"], [name^="' + field + '."]').forEach(function (input) {
        if (input.type === 'hidden') { return; }
        if (msg) { input.setAttribute('aria-invalid', 'true'); } else { input.removeAttribute('aria-invalid'); }
      });
    });
  }

  function text(id, value) { document.getElementById(id).textContent = value || ''; }

  function render(p) {
    showErrors(p.errors || {});
    var state = document.getElementById('preview-state');
    var count = Object.keys(p.errors || {}).length;
    state.textContent = count ? state.dataset.errors.replace('%n', count) : state.dataset.ok;
    state.classList.toggle('error', count > 0);
    if (p.sms) {
      text('sms-text', p.sms.text);
      text('sms-count', document.getElementById('sms-count').dataset.template
        .replace('%s', p.sms.segments).replace('%u', p.sms.units).replace('%e', p.sms.encoding));
    }
    if (p.script && p.script.length) {
      var box = document.getElementById('script-text');
      box.textContent = '';
      p.script.forEach(function (piece) {
        if (piece.from) {
          var mark = document.createElement('mark');
          mark.textContent = piece.text;
          mark.title = piece.from + ' → ' + piece.text;
          mark.dataset.from = piece.from;
          box.appendChild(mark);
        } else {
          box.appendChild(document.createTextNode(piece.text));
        }
      });
    }
    if (p.spoken) { renderSpoken(p.spoken); }
    var list = document.getElementById('occurrences');
    list.textContent = '';
    (p.occurrences || []).forEach(function (o) {
      var li = document.createElement('li');
      li.textContent = o.at;
      if (o.channel) {
        li.dataset.channel = o.channel;
        li.textContent += ' · ' + (list.dataset['ch' + o.channel.charAt(0).toUpperCase() + o.channel.slice(1)] || o.channel);
      }
      if (o.skipped) {
        li.className = 'skipped';
        li.textContent += ' — ' + list.dataset.skipped + ' (' + o.reason + ')';
      } else if (o.shiftedFrom) {
        li.className = 'shifted';
        li.textContent += ' — ' + list.dataset.shifted.replace('%f', o.shiftedFrom) + ' (' + o.reason + ')';
      }
      list.appendChild(li);
    });
  }

  // The text the speech engine gets, with what is read other than as written marked and listed:
  // written -> said, pinyin, and why (number, place name, reading in context, dialect rewrite).
  function renderSpoken(runs) {
    var box = document.getElementById('spoken-text');
    var legend = document.getElementById('spoken-legend');
    var lang = form.querySelector('[name="language"]').value;
    box.textContent = '';
    legend.textContent = '';
    box.lang = lang;
    runs.forEach(function (run) {
      if (!run.kind) {
        box.appendChild(document.createTextNode(run.text));
        return;
      }
      var label = legend.getAttribute('data-kind-' + run.kind) || run.kind;
      var mark = document.createElement('mark');
      mark.className = 'said';
      mark.dataset.kind = run.kind;
      mark.dataset.written = run.written;
      mark.textContent = run.text;
      mark.title = run.written + ' → ' + run.text + (run.pinyin ? ' · ' + run.pinyin : '') + ' · ' + label;
      box.appendChild(mark);
      var li = document.createElement('li');
      li.dataset.kind = run.kind;
      var written = document.createElement('span');
      written.className = 'written';
      written.lang = lang;
      written.textContent = run.written;
      li.appendChild(written);
      if (run.written !== run.text) {
        li.appendChild(document.createTextNode(' → '));
        var said = document.createElement('span');
        said.className = 'said-text';
        said.lang = lang;
        said.textContent = run.text;
        li.appendChild(said);
      }
      if (run.pinyin) {
        var py = document.createElement('span');
        py.className = 'pinyin';
        py.textContent = run.pinyin;
        li.appendChild(document.createTextNode(' '));
        li.appendChild(py);
      }
      var badge = document.createElement('span');
      badge.className = 'badge';
      badge.dataset.kind = run.kind;
      badge.textContent = label;
      li.appendChild(document.createTextNode(' '));
      li.appendChild(badge);
      legend.appendChild(li);
    });
    if (!legend.children.length && runs.length) {
      var none = document.createElement('li');
      none.className = 'hint';
      none.textContent = legend.dataset.nothing;
      legend.appendChild(none);
    }
  }

  function preview() {
    var mine = ++seq;
    post(form.dataset.preview).then(function (p) {
      if (mine === seq) { render(p); }
    }).catch(function (e) { text('preview-state', e.message); });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(preview, 350);
  }

  // "41 % recorded voice · synthesized: ..." so staff know what to record next.
  function sources(a, info) {
    if (a.recordedShare === null || a.recordedShare === undefined) { return ''; }
    var text = ' · ' + Math.round(a.recordedShare * 100) + '% ' + info.dataset.recorded;
    if (a.synthesized && a.synthesized.length) { text += ' · ' + info.dataset.synthesized + ': ' + a.synthesized.join(' | '); }
    return text;
  }

  function renderAudio() {
    var button = document.getElementById('render-audio');
    var audio = document.getElementById('preview-audio');
    var info = document.getElementById('audio-info');
    button.disabled = true;
    button.dataset.label = button.dataset.label || button.textContent;
    button.textContent = button.dataset.working;
    post(form.dataset.audio).then(function (a) {
      if (a.url) {
        audio.src = audio.canPlayType('audio/mpeg') ? a.url : a.wavUrl;
        audio.load();
        info.textContent = a.durationSeconds.toFixed(1) + ' s · ' + a.engine + sources(a, info);
      } else {
        showErrors(a.errors || {});
        info.textContent = Object.keys(a.errors || {}).map(function (k) { return k + ': ' + a.errors[k]; }).join('; ');
      }
    }).catch(function (e) { info.textContent = e.message; })
      .then(function () { button.disabled = false; button.textContent = button.dataset.label; });
  }

  var pick = document.querySelector('[data-autosubmit]');
  if (pick) { pick.addEventListener('change', function () { pick.form.submit(); }); }
  form.addEventListener('input', function (e) { if (e.target.name) { touched(e.target.name); } schedule(); });
  form.addEventListener('change', function (e) {
    if (e.target.name) { touched(e.target.name); }
    showKinds();
    showOwnKinds();
    showFromSchedule();
    schedule();
  });
  document.getElementById('render-audio').addEventListener('click', renderAudio);
  showKinds();
  showOwnKinds();
  showFromSchedule();
  // After the draft script (console.js) restored values.
  window.addEventListener('load', function () { showFromSchedule(); preview(); });
}());
