// Recorder: the microphone (MediaRecorder) or a chosen file, decoded by the browser (Web Audio),
// mixed to mono and sent as 16-bit PCM WAV, whatever the browser recorded in (webm, ogg, mp4).
// The server answers with the cleaned, mastered WAV, played back here before Save stores it.
(function () {
  'use strict';
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  // Enough for speech on horns; keeps a five-minute notice under the upload limit.
  var RATE = 32000;

  function wavOf(buffer) {
    var n = buffer.length, channels = buffer.numberOfChannels, mono = new Float32Array(n);
    for (var c = 0; c < channels; c++) {
      var data = buffer.getChannelData(c);
      for (var i = 0; i < n; i++) { mono[i] += data[i] / channels; }
    }
    var out = new DataView(new ArrayBuffer(44 + n * 2));
    function text(at, s) { for (var k = 0; k < s.length; k++) { out.setUint8(at + k, s.charCodeAt(k)); } }
    text(0, 'RIFF'); out.setUint32(4, 36 + n * 2, true); text(8, 'WAVE');
    text(12, 'fmt '); out.setUint32(16, 16, true); out.setUint16(20, 1, true); out.setUint16(22, 1, true);
    out.setUint32(24, buffer.sampleRate, true); out.setUint32(28, buffer.sampleRate * 2, true);
    out.setUint16(32, 2, true); out.setUint16(34, 16, true);
    text(36, 'data'); out.setUint32(40, n * 2, true);
    for (var j = 0; j < n; j++) {
      var s = Math.max(-1, Math.min(1, mono[j]));
      out.setInt16(44 + j * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
    }
    return new Blob([out], { type: 'audio/wav' });
  }

  function decode(bytes) {
    var Context = window.AudioContext || window.webkitAudioContext;
    var ctx;
    try { ctx = new Context({ sampleRate: RATE }); } catch (e) { ctx = new Context(); }
    return ctx.decodeAudioData(bytes).finally(function () { ctx.close(); });
  }

  // problem+json: the detail, or each field error; the status when nothing else is said.
  function problemText(response, refused) {
    return response.json().then(function (p) {
      var parts = (p.errors || []).map(function (e) { return e.field + ': ' + e.message; });
      return refused + ' (' + response.status + '): ' + (parts.length ? parts.join('; ') : p.detail || p.title);
    }, function () { return refused + ' (' + response.status + ')'; });
  }

  function setup(box) {
    var t = box.dataset;
    function q(sel) { return box.querySelector(sel); }
    var status = q('[data-role=status]'), error = q('[data-role=error]'), result = q('[data-role=result]');
    var player = q('[data-role=player]'), measured = q('[data-role=measured]');
    var recordButton = q('[data-act=record]'), stopButton = q('[data-act=stop]'), file = q('[data-act=file]');
    var saveButton = q('[data-act=save]');
    var recorder = null, wav = null, playing = null;

    function say(text) { status.textContent = text || ''; }
    function fail(text) { say(''); error.textContent = text || ''; error.hidden = !text; box.dataset.state = text ? 'error' : ''; }
    function field(name) { var el = box.querySelector('[name=' + name + ']'); return el ? el.value.trim() : ''; }

    function master(blob) {
      fail('');
      result.hidden = true;
      say(t.tMastering);
      blob.arrayBuffer().then(decode).then(function (buffer) {
        wav = wavOf(buffer);
        return fetch('/console/recordings/mastered', { method: 'POST', body: wav,
          headers: { 'Content-Type': 'audio/wav', 'X-CSRF-Token': csrf } });
      }, function () { throw new Error(t.tUndecodable); }).then(function (r) {
        if (!r.ok) { return problemText(r, t.tRefused).then(function (m) { throw new Error(m); }); }
        var h = r.headers;
        measured.textContent = t.tMeasured
          .replace('%s', (Number(h.get('X-Recording-Duration-Ms')) / 1000).toFixed(1))
          .replace('%l', h.get('X-Recording-Loudness-Lufs')).replace('%p', h.get('X-Recording-True-Peak-Dbtp'));
        measured.dataset.durationMs = h.get('X-Recording-Duration-Ms');
        return r.blob();
      }).then(function (mastered) {
        if (playing) { URL.revokeObjectURL(playing); }
        playing = URL.createObjectURL(mastered);
        player.src = playing;
        say('');
        result.hidden = false;
        box.dataset.state = 'mastered';
      }).catch(function (e) { wav = null; fail(e.message); });
    }

    recordButton.addEventListener('click', function () {
      fail('');
      if (!navigator.mediaDevices || !window.MediaRecorder) {
        fail(t.tNoMicrophone.replace('%r', 'MediaRecorder'));
        return;
      }
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        var chunks = [];
        recorder = new MediaRecorder(stream);
        recorder.ondataavailable = function (e) { if (e.data.size) { chunks.push(e.data); } };
        recorder.onstop = function () {
          stream.getTracks().forEach(function (track) { track.stop(); });
          recordButton.disabled = false;
          stopButton.disabled = true;
          master(new Blob(chunks, { type: recorder.mimeType }));
        };
        recorder.start();
        recordButton.disabled = true;
        stopButton.disabled = false;
        box.dataset.state = 'recording';
        say(t.tRecording);
      }, function (e) { fail(t.tNoMicrophone.replace('%r', e.message || e.name)); });
    });

    stopButton.addEventListener('click', function () {
      if (recorder && recorder.state === 'recording') { recorder.stop(); }
    });

    file.addEventListener('change', function () {
      if (file.files.length) { master(file.files[0]); }
    });

    saveButton.addEventListener('click', function () {
      if (!wav) { return; }
      var kind = t.kind || field('kind');
      var query = new URLSearchParams({ kind: kind });
      [['label', field('label')], ['bank', t.bank], ['phrase', t.phrase || field('phrase')]].forEach(function (p) {
        if (p[1]) { query.set(p[0], p[1]); }
      });
      fail('');
      saveButton.disabled = true;
      say(t.tSaving);
      fetch('/console/recordings?' + query, { method: 'POST', body: wav,
        headers: { 'Content-Type': 'audio/wav', 'X-CSRF-Token': csrf, 'Accept': 'application/json' } })
        .then(function (r) {
          if (!r.ok) { return problemText(r, t.tRefused).then(function (m) { throw new Error(m); }); }
          return r.json();
        }).then(function (saved) { window.location.assign(saved.next); })
        .catch(function (e) { saveButton.disabled = false; fail(e.message); });
    });
  }

  document.querySelectorAll('.recorder').forEach(setup);
}());
