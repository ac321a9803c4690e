(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('data').textContent);
  var tip = document.getElementById('tip');
  var marks = Array.prototype.slice.call(document.querySelectorAll('#front .mark'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('#members tbody tr'));
  var details = Array.prototype.slice.call(document.querySelectorAll('.detail'));

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  function describe(c) {
    var s = '<code>' + esc(c.id) + '</code> ' + (c.m === undefined ? 'candidate' : 'front member #' + (c.m + 1));
    s += '<br>proxy accuracy ' + (c.acc === null ? '–' : c.acc.toFixed(2) + ' %');
    if (c.test !== undefined) s += ', test ' + c.test.toFixed(2) + ' %';
    Object.keys(c.lat).forEach(function (t) {
      s += '<br>' + esc(t) + ': ' + (c.lat[t] === null ? '–' : c.lat[t] + ' ms');
    });
    if (c.macs) s += '<br>MACs ' + esc(c.macs);
    if (c.params) s += ', params ' + esc(c.params);
    return s + '<span class="arch">' + esc(c.arch) + '</span>';
  }

  function show(id) {
    details.forEach(function (d) { d.hidden = d.id !== id; });
    document.getElementById('details-hint').hidden = true;
  }

  function select(m) {
    rows.forEach(function (r) { r.classList.toggle('selected', Number(r.dataset.m) === m); });
    marks.forEach(function (el) { el.classList.toggle('selected', el.dataset.m !== undefined && Number(el.dataset.m) === m); });
    var row = rows.filter(function (r) { return Number(r.dataset.m) === m; })[0];
    if (row) row.scrollIntoView({block: 'nearest'});
    show('detail-' + m);
  }

  function selectCandidate(k) {
    rows.forEach(function (r) { r.classList.remove('selected'); });
    marks.forEach(function (el) { el.classList.toggle('selected', Number(el.dataset.k) === k); });
    var d = document.getElementById('detail-cand');
    d.innerHTML = '<p>' + describe(data.cands[k]) + '</p><p class="note">Not on the front: no drawing or table row.</p>';
    show('detail-cand');
  }

  marks.forEach(function (el) {
    el.addEventListener('mouseenter', function () {
      tip.innerHTML = describe(data.cands[Number(el.dataset.k)]);
      tip.hidden = false;
    });
    el.addEventListener('mousemove', function (e) {
      var x = e.clientX + 14, y = e.clientY + 14;
      if (x + tip.offsetWidth > window.innerWidth - 8) x = e.clientX - tip.offsetWidth - 14;
      if (y + tip.offsetHeight > window.innerHeight - 8) y = e.clientY - tip.offsetHeight - 14;
      tip.style.left = x + 'px';
      tip.style.top = y + 'px';
    });
    el.addEventListener('mouseleave', function () { tip.hidden = true; });
    el.addEventListener('click', function () {
      if (el.dataset.m !== undefined) select(Number(el.dataset.m)); else selectCandidate(Number(el.dataset.k));
    });
  });
  rows.forEach(function (r) {
    r.addEventListener('click', function () { select(Number(r.dataset.m)); });
  });
})();
