// 叫应 board: while the 叫应 is open, fetch the board's HTML every 3 s and swap it in only when it
// changed, so answers and escalations appear without a reload (and the page does not flicker).
(function () {
  'use strict';
  var live = document.getElementById('duty-live');
  if (!live || !live.dataset.poll) { return; }
  var shown = null;
  function poll() {
    fetch(live.dataset.poll, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (b) {
        if (b.html !== shown) {
          shown = b.html;
          live.innerHTML = b.html;
          if (window.tocsinLayout) { window.tocsinLayout(live); }
        }
        live.dataset.live = b.open;
        if (b.open) { setTimeout(poll, 3000); }
      })
      .catch(function () { setTimeout(poll, 10000); });
  }
  if (live.dataset.live === 'true') { setTimeout(poll, 3000); }
}());
