// Tocsin console: no framework, no build step.
// 1. A form marked data-once disables its submit buttons after the first submit (no double posts).
// 2. A form marked data-draft="key" keeps what was typed in localStorage (never passwords or
//    hidden fields) and restores it on the next visit, e.g. after signing in again when the
//    session expired. A page marked data-draft-clear="key" (shown after success) forgets it.
// 3. Bars and tree indents come as data-pct / data-depth (the CSP forbids inline styles);
//    window.tocsinLayout(root) applies them, also to HTML a page loads later.
(function () {
  'use strict';
  var PREFIX = 'tocsin.draft.';

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function draftable(el) {
    return el.name && el.name.charAt(0) !== '_' && el.type !== 'password' && el.type !== 'hidden'
      && el.type !== 'submit' && el.type !== 'button';
  }

  function save(form, store) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!draftable(el)) { return; }
      if (el.type === 'checkbox' || el.type === 'radio') {
        data[el.name] = data[el.name] || [];
        if (el.checked) { data[el.name].push(el.value); }
      } else {
        data[el.name] = el.value;
      }
    });
    store.setItem(PREFIX + form.dataset.draft, JSON.stringify(data));
  }

  function restore(form, store) {
    var raw = store.getItem(PREFIX + form.dataset.draft);
    if (!raw || form.hasAttribute('data-draft-server-values')) { return; }
    var data;
    try { data = JSON.parse(raw); } catch (e) { return; }
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!draftable(el) || !(el.name in data)) { return; }
      if (el.type === 'checkbox' || el.type === 'radio') {
        el.checked = data[el.name].indexOf(el.value) >= 0;
      } else {
        el.value = data[el.name];
      }
    });
    var notice = document.querySelector('[data-draft-notice]');
    if (notice) { notice.hidden = false; }
  }

  // Back/forward cache: a page shown again must not keep its buttons disabled.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) { return; }
    document.querySelectorAll('form[data-once]').forEach(function (form) {
      delete form.dataset.submitted;
      form.querySelectorAll('button[type=submit]').forEach(function (b) {
        b.disabled = false;
        b.removeAttribute('aria-busy');
        if (b.dataset.label) { b.textContent = b.dataset.label; }
      });
    });
  });

  function layout(root) {
    root.querySelectorAll('[data-pct]').forEach(function (el) {
      var pct = parseFloat(el.dataset.pct);
      el.style.width = (isFinite(pct) ? Math.max(0, Math.min(100, pct)) : 0) + '%';
    });
    root.querySelectorAll('[data-depth]').forEach(function (el) {
      el.style.setProperty('--depth', parseInt(el.dataset.depth, 10) || 0);
    });
  }
  window.tocsinLayout = layout;

  document.addEventListener('DOMContentLoaded', function () {
    layout(document);
    var store = storage();
    if (store) {
      document.querySelectorAll('[data-draft-clear]').forEach(function (el) {
        store.removeItem(PREFIX + el.dataset.draftClear);
      });
      document.querySelectorAll('form[data-draft]').forEach(function (form) {
        restore(form, store);
        form.addEventListener('input', function () { save(form, store); });
        form.addEventListener('change', function () { save(form, store); });
      });
    }
    document.querySelectorAll('form[data-once]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (form.dataset.submitted) { event.preventDefault(); return; }
        form.dataset.submitted = 'true';
        form.querySelectorAll('button[type=submit]').forEach(function (b) {
          b.disabled = true;
          b.setAttribute('aria-busy', 'true');
          if (b.dataset.working) {
            b.dataset.label = b.textContent;
            b.textContent = b.dataset.working;
          }
        });
      });
    });
  });
}());
