
(function () {
  var body = document.body;
  var langButtons = document.querySelectorAll('button[data-lang]');
  langButtons.forEach(function (b) {
    b.addEventListener('click', function () {
      body.className = 'lang-' + b.getAttribute('data-lang');
      langButtons.forEach(function (o) { o.classList.toggle('on', o === b); });
    });
  });
  var table = document.getElementById('dashboard-table');
  if (!table) { return; }
  var tbody = table.tBodies[0];
  var original = Array.prototype.slice.call(tbody.rows);
  var targets = original.filter(function (r) { return r.classList.contains('target'); });
  var groupButton = document.getElementById('group-by-chapter');
  var current = null, descending = false;
  function restore() {
    original.forEach(function (r) { r.hidden = false; tbody.appendChild(r); });
    groupButton.classList.add('on');
    current = null;
  }
  function sortBy(key) {
    descending = current === key ? !descending : key.charAt(0) === 'p';
    current = key;
    var numeric = key === 'year' || key.charAt(0) === 'p';
    var sorted = targets.slice().sort(function (a, b) {
      var x = a.getAttribute('data-' + key), y = b.getAttribute('data-' + key);
      var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
      if (c === 0) { c = parseFloat(a.getAttribute('data-order')) - parseFloat(b.getAttribute('data-order')); return c; }
      return descending ? -c : c;
    });
    original.forEach(function (r) { if (r.classList.contains('group')) { r.hidden = true; } });
    sorted.forEach(function (r) { tbody.appendChild(r); });
    groupButton.classList.remove('on');
  }
  table.querySelectorAll('th[data-sort]').forEach(function (th) {
    th.addEventListener('click', function () { sortBy(th.getAttribute('data-sort')); });
  });
  groupButton.addEventListener('click', restore);
  var dataButton = document.getElementById('only-with-data');
  function onlyWithData(on) {
    table.classList.toggle('with-data', on);
    dataButton.classList.toggle('on', on);
  }
  dataButton.addEventListener('click', function () { onlyWithData(!table.classList.contains('with-data')); });
  if (location.hash === '#with-data') { onlyWithData(true); }
})();
