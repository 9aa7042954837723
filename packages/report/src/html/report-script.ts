/**
 * The report page's script (inlined, plain ES2017, no library): sorts and filters the per-class table,
 * reorders the IoU bars, draws the confusion-matrix heatmap on a canvas from the embedded JSON (hover
 * and arrow keys give counts and shares; zoom for many classes), drives the worst-image overlay and the
 * enlarge dialog (with the classes under the pointer), saves the embedded JSON, and opens every
 * `<details>` before printing. Every part checks that its elements exist: sections are optional.
 */
export const REPORT_SCRIPT = String.raw`(function () {
'use strict';
var doc = document;
function $(sel, root) { return (root || doc).querySelector(sel); }
function $$(sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); }
var data = JSON.parse($('#segmetrics-data').textContent);
var view = JSON.parse($('#segmetrics-view').textContent);
function isNum(v) { return typeof v === 'number' && isFinite(v); }
function int(v) { return isNum(v) ? Math.round(v).toLocaleString('en-US') : '\u2014'; }
// fixed:begin — formatFixed (format-fixed.ts): toFixed, an exact tie to the even digit as Python prints it.
function fixed(v, d) {
  var r = v.toFixed(d);
  if (!isFinite(v) || Math.abs(v) >= 1e21) return r;
  var s = Math.abs(v) * Math.pow(10, d);
  if (Math.abs(s - Math.floor(s) - 0.5) > 1e-9 * Math.max(1, s)) return r;
  var e;
  try { e = v.toFixed(100); } catch (err) { return r; }
  var p = e.indexOf('.');
  if (!/^50*$/.test(e.slice(p + 1 + d))) return r;
  var t = e.slice(0, d === 0 ? p : p + 1 + d);
  return Number(t[t.length - 1]) % 2 === 0 ? t : r;
}
// fixed:end
// A name as the page shows it: bidirectional controls written visibly (as displayName in display-name.ts).
function shownName(name) {
  return String(name).replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, function (ch) {
    return '\u27e8U+' + ('000' + ch.charCodeAt(0).toString(16).toUpperCase()).slice(-4) + '\u27e9';
  });
}

// Sortable tables: stable, undefined (empty data-v) last in both directions, a second click reverses.
$$('table').forEach(function (table) {
  var buttons = $$('thead button.sort', table);
  if (buttons.length === 0) return;
  var tbody = table.tBodies[0];
  buttons.forEach(function (button) {
    button.addEventListener('click', function () {
      var th = button.closest('th');
      var col = Array.prototype.indexOf.call(th.parentNode.children, th);
      var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      $$('thead th[aria-sort]', table).forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', dir);
      var text = button.getAttribute('data-type') === 'text';
      var sign = dir === 'ascending' ? 1 : -1;
      var rows = Array.prototype.slice.call(tbody.rows).map(function (tr, i) {
        var raw = tr.children[col].getAttribute('data-v');
        var missing = raw === null || raw === '';
        var v = missing ? null : text ? raw : Number(raw);
        return { tr: tr, v: v, missing: missing || (!text && !isFinite(v)), i: i };
      });
      rows.sort(function (a, b) {
        if (a.missing !== b.missing) return a.missing ? 1 : -1;
        if (!a.missing) {
          var c = text ? a.v.localeCompare(b.v, 'en', { numeric: true }) : a.v - b.v;
          if (c !== 0) return sign * c;
        }
        return a.i - b.i;
      });
      rows.forEach(function (r) { tbody.appendChild(r.tr); });
    });
  });
});

// Filter the per-class table by name or id.
var filter = $('#class-filter');
if (filter) {
  filter.addEventListener('input', function () {
    var q = filter.value.trim().toLowerCase();
    var shown = 0;
    $$('#per-class-table tbody tr').forEach(function (tr) {
      var th = tr.querySelector('th.name');
      var name = (th.getAttribute('data-v') || '').toLowerCase();
      var text = (th.textContent || '').toLowerCase();
      var ok = q === '' || name.indexOf(q) >= 0 || text.indexOf(q) >= 0 || tr.getAttribute('data-id') === q;
      tr.hidden = !ok;
      if (ok) shown++;
    });
    $('#class-count').textContent = (q === '' ? '' : shown + ' of ') + data.numClasses + ' classes';
  });
}

// IoU bars: worst first, or class order.
var bars = $('#iou-bars');
if (bars) {
  var byIoU = $$('li', bars);
  var byId = byIoU.slice().sort(function (a, b) { return Number(a.getAttribute('data-id')) - Number(b.getAttribute('data-id')); });
  var toggles = $$('.chart-tools .toggle');
  toggles.forEach(function (btn) {
    btn.addEventListener('click', function () {
      (btn.getAttribute('data-order') === 'id' ? byId : byIoU).forEach(function (li) { bars.appendChild(li); });
      toggles.forEach(function (b) { b.setAttribute('aria-pressed', String(b === btn)); });
    });
  });
}

// Confusion-matrix heatmap.
(function () {
  var canvas = $('#cm-canvas');
  if (!canvas || !canvas.getContext) return;
  var scroll = $('#cm-scroll');
  var tip = $('#cm-tip');
  var readout = $('#cm-readout');
  var sizeOut = $('#cm-size');
  var ctx = canvas.getContext('2d');
  var C = data.numClasses;
  var M = data.confusionMatrix;
  var names = data.classNames.map(shownName);
  var ign = data.predictedIgnore || [];
  var extra = ign.some(function (v) { return v > 0; });
  // Under a convention that drops them (Keras), those pixels are in no class's support.
  var dropped = data.pixels.dropped > 0;
  var cols = C + (extra ? 1 : 0);
  var colNames = names.concat(extra ? ['ignore label'] : []);
  var support = data.perClass.map(function (r) { return r.support; });
  var ramp = view.ramp;
  var font = getComputedStyle(doc.documentElement).fontFamily;
  var figure = $('#cm-figure');
  var cell = 11;
  var fitted = C <= 40;
  var L = null;
  var sel = null;
  var hover = null;
  function count(g, p) { return p < C ? M[g][p] : ign[g]; }
  // The cells as one pixel each, coloured once: 1024 ramp steps over sqrt(share); white for 0; a light
  // gray row for a class without ground-truth pixels. Drawn scaled up without smoothing.
  var STEPS = 1024;
  function rampAt(q) {
    var t = (q / STEPS) * (ramp.length - 1);
    var i0 = Math.min(ramp.length - 2, Math.floor(t));
    var f = t - i0;
    var a = ramp[i0];
    var b = ramp[i0 + 1];
    return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
  }
  var cells = doc.createElement('canvas');
  cells.width = cols;
  cells.height = C;
  var cellCtx = cells.getContext('2d');
  var pixels = cellCtx.createImageData(cols, C);
  for (var cg = 0; cg < C; cg++) {
    for (var cp = 0; cp < cols; cp++) {
      var share = support[cg] > 0 ? count(cg, cp) / support[cg] : -1;
      var rgb = share < 0 ? [236, 239, 242] : share > 0 ? rampAt(Math.round(Math.max(view.rampMin, Math.sqrt(Math.min(1, share))) * STEPS)) : [255, 255, 255];
      var o = (cg * cols + cp) * 4;
      pixels.data[o] = rgb[0];
      pixels.data[o + 1] = rgb[1];
      pixels.data[o + 2] = rgb[2];
      pixels.data[o + 3] = 255;
    }
  }
  cellCtx.putImageData(pixels, 0, 0);
  function labelFont(size) { return size + 'px ' + font; }
  function fit(size) {
    var fs = Math.min(13, Math.max(8, size - 2));
    ctx.font = labelFont(fs);
    var widest = 0;
    colNames.forEach(function (n) { widest = Math.max(widest, ctx.measureText(n).width); });
    return Math.min(170, Math.ceil(widest) + 8);
  }
  function layout() {
    var avail = Math.max(200, figure.clientWidth - 4);
    if (fitted) cell = Math.max(2, Math.min(36, Math.floor((avail - 20) / cols)));
    measure();
    while (fitted && L.w > avail && cell > 2) {
      cell -= 1;
      measure();
    }
  }
  function measure() {
    var labels = cell >= 8;
    var fs = Math.min(13, Math.max(8, cell - 2));
    var lab = labels ? fit(cell) : 0;
    L = { cell: cell, fs: fs, labels: labels, left: lab + 20, top: lab + 20 };
    L.w = L.left + cols * cell + 2;
    L.h = L.top + C * cell + 2;
    canvas.setAttribute('data-cell', String(cell));
    canvas.setAttribute('data-left', String(L.left));
    canvas.setAttribute('data-top', String(L.top));
    if (sizeOut) sizeOut.textContent = C + ' \u00d7 ' + cols + ' cells of ' + cell + ' px' + (labels ? '' : ' (zoom in for labels)');
  }
  var clipped = {};
  function clip(text, width) {
    var key = ctx.font + '|' + width + '|' + text;
    if (clipped[key] !== undefined) return clipped[key];
    var s = text;
    if (ctx.measureText(text).width > width) {
      while (s.length > 1 && ctx.measureText(s + '\u2026').width > width) s = s.slice(0, -1);
      s += '\u2026';
    }
    clipped[key] = s;
    return s;
  }
  function draw() {
    var dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(L.w * dpr);
    canvas.height = Math.round(L.h * dpr);
    canvas.style.width = L.w + 'px';
    canvas.style.height = L.h + 'px';
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, L.w, L.h);
    var s = L.cell;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(cells, L.left, L.top, cols * s, C * s);
    if (s >= 26) {
      ctx.font = labelFont(Math.min(12, Math.floor(s / 2.6)));
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      for (var gy = 0; gy < C; gy++) {
        if (!(support[gy] > 0)) continue;
        for (var px = 0; px < cols; px++) {
          var share = count(gy, px) / support[gy];
          if (share < 0.005) continue;
          ctx.fillStyle = Math.sqrt(share) > 0.55 ? '#ffffff' : '#1b1f24';
          ctx.fillText(String(Math.round(share * 100)), L.left + (px + 0.5) * s, L.top + (gy + 0.5) * s);
        }
      }
    }
    if (s >= 6) {
      ctx.strokeStyle = 'rgba(27,31,36,0.45)';
      ctx.lineWidth = 1;
      for (var d = 0; d < C; d++) ctx.strokeRect(L.left + d * s + 0.5, L.top + d * s + 0.5, s - 1, s - 1);
    }
    ctx.strokeStyle = '#8c959f';
    ctx.strokeRect(L.left - 0.5, L.top - 0.5, cols * s + 1, C * s + 1);
    if (extra) {
      ctx.beginPath();
      ctx.moveTo(L.left + C * s + 0.5, L.top);
      ctx.lineTo(L.left + C * s + 0.5, L.top + C * s);
      ctx.stroke();
    }
    ctx.fillStyle = '#1b1f24';
    if (L.labels) {
      ctx.font = labelFont(L.fs);
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'right';
      var room = L.left - 24;
      for (var r = 0; r < C; r++) ctx.fillText(clip(names[r], room), L.left - 4, L.top + (r + 0.5) * s);
      ctx.textAlign = 'left';
      for (var c = 0; c < cols; c++) {
        ctx.save();
        ctx.translate(L.left + (c + 0.5) * s, L.top - 4);
        ctx.rotate(-Math.PI / 2);
        ctx.fillText(clip(colNames[c], room), 0, 0);
        ctx.restore();
      }
    }
    ctx.font = 'bold ' + labelFont(12);
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    ctx.fillText('Predicted \u2192', L.left, 3);
    ctx.save();
    ctx.translate(3, L.top);
    ctx.rotate(Math.PI / 2);
    ctx.textBaseline = 'bottom';
    ctx.fillText('Ground truth \u2192', 0, 0);
    ctx.restore();
    var mark = hover || sel;
    if (mark) {
      ctx.strokeStyle = 'rgba(11,87,164,0.9)';
      ctx.lineWidth = 2;
      ctx.strokeRect(L.left, L.top + mark.g * s, cols * s, s);
      ctx.strokeRect(L.left + mark.p * s, L.top, s, C * s);
      ctx.strokeStyle = '#ff8c00';
      ctx.strokeRect(L.left + mark.p * s - 1, L.top + mark.g * s - 1, s + 2, s + 2);
    }
  }
  function describe(g, p) {
    var v = count(g, p);
    if (p === C && dropped) {
      return 'Ground truth ' + names[g] + ' \u2192 predicted ' + colNames[p] + ': ' + int(v) + ' px, dropped (not counted under this convention)';
    }
    var total = support[g];
    var share = total > 0
      ? fixed(v / total * 100, 2) + '% of the ' + int(total) + ' ' + names[g] + ' pixels'
      : 'no ground-truth pixel of ' + names[g];
    return 'Ground truth ' + names[g] + ' \u2192 predicted ' + colNames[p] + ': ' + int(v) + ' px, ' + share + (g === p ? ' (correct)' : '');
  }
  function cellAt(ev) {
    var rect = canvas.getBoundingClientRect();
    var x = (ev.clientX - rect.left) * (L.w / rect.width);
    var y = (ev.clientY - rect.top) * (L.h / rect.height);
    var p = Math.floor((x - L.left) / L.cell);
    var g = Math.floor((y - L.top) / L.cell);
    return p >= 0 && p < cols && g >= 0 && g < C ? { g: g, p: p } : null;
  }
  var pending = false;
  function redraw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; draw(); });
  }
  function render() { layout(); draw(); }
  canvas.addEventListener('mousemove', function (ev) {
    var at = cellAt(ev);
    if (!at) { canvas.dispatchEvent(new Event('mouseleave')); return; }
    if (!hover || hover.g !== at.g || hover.p !== at.p) { hover = at; redraw(); }
    tip.textContent = describe(at.g, at.p);
    tip.hidden = false;
    var x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    var y = ev.clientY + 16 + tip.offsetHeight > window.innerHeight ? ev.clientY - tip.offsetHeight - 10 : ev.clientY + 16;
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
    readout.textContent = tip.textContent;
  });
  canvas.addEventListener('mouseleave', function () {
    tip.hidden = true;
    if (hover) { hover = null; redraw(); }
  });
  function show(g, p) {
    sel = { g: g, p: p };
    readout.textContent = describe(g, p);
    var x = L.left + p * L.cell;
    var y = L.top + g * L.cell;
    if (x < scroll.scrollLeft + L.left || x + L.cell > scroll.scrollLeft + scroll.clientWidth) scroll.scrollLeft = Math.max(0, x - scroll.clientWidth / 2);
    if (y < scroll.scrollTop + L.top || y + L.cell > scroll.scrollTop + scroll.clientHeight) scroll.scrollTop = Math.max(0, y - scroll.clientHeight / 2);
    redraw();
  }
  canvas.addEventListener('focus', function () { if (!sel) show(0, 0); else show(sel.g, sel.p); });
  canvas.addEventListener('blur', function () { sel = null; redraw(); });
  canvas.addEventListener('keydown', function (ev) {
    if (!sel) sel = { g: 0, p: 0 };
    var g = sel.g;
    var p = sel.p;
    var step = ev.shiftKey ? 10 : 1;
    if (ev.key === 'ArrowLeft') p -= step;
    else if (ev.key === 'ArrowRight') p += step;
    else if (ev.key === 'ArrowUp') g -= step;
    else if (ev.key === 'ArrowDown') g += step;
    else if (ev.key === 'Home') p = 0;
    else if (ev.key === 'End') p = cols - 1;
    else if (ev.key === 'd') p = Math.min(g, cols - 1);
    else return;
    ev.preventDefault();
    show(Math.max(0, Math.min(C - 1, g)), Math.max(0, Math.min(cols - 1, p)));
  });
  $$('.cm-tools button').forEach(function (btn) {
    btn.addEventListener('click', function () {
      var z = btn.getAttribute('data-zoom');
      if (z === 'fit') fitted = true;
      else {
        fitted = false;
        cell = z === 'in' ? Math.min(48, Math.max(cell + 1, Math.round(cell * 1.3))) : Math.max(2, Math.min(cell - 1, Math.round(cell / 1.3)));
      }
      render();
    });
  });
  var last = figure.clientWidth;
  window.addEventListener('resize', function () {
    if (fitted && figure.clientWidth !== last) { last = figure.clientWidth; render(); }
  });
  render();
})();

// Worst images: the overlay control, the enlarge dialog and the classes under the pointer.
(function () {
  var gallery = $('#gallery');
  if (!gallery) return;
  var cards = $$('.img-card', gallery);
  var state = { mode: 'none', opacity: 0.6 };
  var groups = $$('.overlay-tools');
  var dialog = $('#img-dialog');
  var current = -1;
  function sync() {
    groups.forEach(function (g) {
      $$('input[data-overlay]', g).forEach(function (i) { i.checked = i.value === state.mode; });
      var range = $('input[data-opacity]', g);
      range.value = String(Math.round(state.opacity * 100));
      $('output', g).textContent = range.value + '%';
    });
    cards.forEach(function (card) {
      var gt = $('.pic-gt', card);
      if (!gt) return;
      var stack = gt.parentNode;
      var overlay = $('.pic-overlay', stack);
      var source = state.mode === 'none' ? null : $('.pic-' + state.mode, card);
      if (!source) { if (overlay) overlay.hidden = true; return; }
      if (!overlay) {
        overlay = doc.createElement('img');
        overlay.className = 'pic-overlay';
        overlay.alt = '';
        stack.appendChild(overlay);
      }
      overlay.src = source.src;
      overlay.hidden = false;
      overlay.style.opacity = String(state.opacity);
    });
    stage();
  }
  groups.forEach(function (g) {
    g.addEventListener('input', function (ev) {
      var t = ev.target;
      if (t.hasAttribute('data-overlay')) state.mode = t.value;
      if (t.hasAttribute('data-opacity')) state.opacity = Number(t.value) / 100;
      sync();
    });
  });
  if (!dialog) { sync(); return; }
  var base = $('.stage-base', dialog);
  var over = $('.stage-overlay', dialog);
  var views = $('#img-views', dialog);
  var readout = $('#img-readout', dialog);
  var cache = {};
  function stage() {
    if (current < 0) return;
    var card = cards[current];
    var gt = $('.pic-gt', card);
    var source = state.mode === 'none' ? null : $('.pic-' + state.mode, card);
    if (gt && source) { over.src = source.src; over.hidden = false; over.style.opacity = String(state.opacity); }
    else over.hidden = true;
  }
  function open(index, viewName) {
    current = (index + cards.length) % cards.length;
    var card = cards[current];
    var pics = $$('img.pic', card);
    if (pics.length === 0) return;
    if (viewName === 'pred' || viewName === 'err') state.mode = viewName;
    var gt = $('.pic-gt', card) || pics[0];
    $('.stage-inner', dialog).style.setProperty('--aspect', String(gt.naturalWidth / gt.naturalHeight || 2));
    base.src = gt.src;
    base.alt = gt.alt;
    $('#img-dialog-title').textContent = '#' + (current + 1) + ' ' + $('.img-id', card).textContent + ' \u2014 mIoU ' + $('.img-miou', card).textContent;
    views.textContent = '';
    pics.forEach(function (pic) {
      var fig = doc.createElement('figure');
      var img = doc.createElement('img');
      img.src = pic.src;
      img.alt = pic.alt;
      var cap = doc.createElement('figcaption');
      cap.textContent = pic.closest('figure').querySelector('figcaption').textContent;
      fig.appendChild(img);
      fig.appendChild(cap);
      fig.setAttribute('data-view', pic.className.replace(/.*pic-/, ''));
      views.appendChild(fig);
    });
    readout.textContent = 'Point at the picture to read the classes.';
    sync();
    if (!dialog.open) dialog.showModal();
  }
  views.addEventListener('click', function (ev) {
    var fig = ev.target.closest('figure');
    if (!fig) return;
    var v = fig.getAttribute('data-view');
    state.mode = v === 'gt' ? 'none' : v;
    sync();
  });
  gallery.addEventListener('click', function (ev) {
    var btn = ev.target.closest('.thumb-btn');
    if (btn) open(Number(btn.getAttribute('data-open')), btn.getAttribute('data-view'));
  });
  $('.dialog-close', dialog).addEventListener('click', function () { dialog.close(); });
  $$('[data-step]', dialog).forEach(function (btn) {
    btn.addEventListener('click', function () { open(current + Number(btn.getAttribute('data-step'))); });
  });
  dialog.addEventListener('click', function (ev) { if (ev.target === dialog) dialog.close(); });
  dialog.addEventListener('keydown', function (ev) {
    if (ev.target && ev.target.type === 'range') return;
    if (ev.key === 'ArrowRight') { open(current + 1); ev.preventDefault(); }
    if (ev.key === 'ArrowLeft') { open(current - 1); ev.preventDefault(); }
  });
  dialog.addEventListener('close', function () { current = -1; });
  var byColor = {};
  view.colors.forEach(function (hex, k) { (byColor[hex] = byColor[hex] || []).push(shownName(data.classNames[k])); });
  (byColor[view.ignored] = byColor[view.ignored] || []).push('ignored');
  var errorNames = {};
  errorNames[view.errors.correct] = 'correct';
  errorNames[view.errors.wrong] = 'wrong';
  errorNames[view.errors.ignored] = 'ignored';
  function hex(d, i) { return '#' + [d[i], d[i + 1], d[i + 2]].map(function (v) { return (v < 16 ? '0' : '') + v.toString(16); }).join(''); }
  function pixels(img) {
    if (cache[img.src]) return cache[img.src];
    var c = doc.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    var x = c.getContext('2d', { willReadFrequently: true });
    x.drawImage(img, 0, 0);
    var out = { w: c.width, h: c.height, d: x.getImageData(0, 0, c.width, c.height).data };
    cache[img.src] = out;
    return out;
  }
  $('#img-stage').addEventListener('mousemove', function (ev) {
    if (current < 0) return;
    var card = cards[current];
    var rect = base.getBoundingClientRect();
    var fx = (ev.clientX - rect.left) / rect.width;
    var fy = (ev.clientY - rect.top) / rect.height;
    if (fx < 0 || fy < 0 || fx >= 1 || fy >= 1) return;
    var parts = [];
    [['gt', 'Ground truth'], ['pred', 'Prediction'], ['err', 'Error']].forEach(function (v) {
      var img = $('.pic-' + v[0], card);
      if (!img || !img.naturalWidth) return;
      try {
        var px = pixels(img);
        var i = (Math.floor(fy * px.h) * px.w + Math.floor(fx * px.w)) * 4;
        var key = hex(px.d, i);
        var name = v[0] === 'err' ? errorNames[key] : (byColor[key] || []).join(' / ');
        parts.push(v[1] + ': ' + (name || 'other (' + key + ')'));
      } catch (e) {
        parts.push(v[1] + ': unreadable');
      }
    });
    readout.textContent = parts.join(' \u00b7 ');
  });
  sync();
})();

// Save the embedded JSON report as reportToJson wrote it: undo scriptJson, which wrote each < as the
// escape \u003c. A run of backslashes before u003c ends an escape only when it is odd (\\ is a literal
// backslash, so \\u003c is text and stays); reportToJson itself never writes \u003c.
var save = $('#save-json');
if (save) {
  save.addEventListener('click', function () {
    var json = $('#segmetrics-data').textContent.replace(/(\\+)u003c/g, function (all, slashes) {
      return slashes.length % 2 === 1 ? slashes.slice(1) + '<' : all;
    });
    var blob = new Blob([json], { type: 'application/json' });
    var a = doc.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'segmetrics-report.json';
    doc.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  });
}
window.addEventListener('beforeprint', function () { $$('details').forEach(function (d) { d.open = true; }); });
})();
`;
