// The timeline strip: every dated fact of the graph on one time axis. A date known to the month or
// year is drawn as a bar over the whole month or year, a day as a diamond, so precision is seen,
// not implied. Clicking an entry shows its entity in the picture.
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var DAY = 86400000;
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var PRECISION_WORDS = { DAY: 'the day', MONTH: 'the month', YEAR: 'the year' };

  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function day(iso) {
    return Date.parse(iso + 'T00:00:00Z');
  }

  /** Draws the entries into `container`; `onPick(entry)` is called when one is chosen. */
  function draw(container, entries, onPick) {
    container.replaceChildren();
    if (entries.length === 0) {
      container.textContent = 'No dated facts in the graph.';
      return { mark: function () {} };
    }
    var width = Math.max(container.clientWidth, 400);
    var first = Math.min.apply(null, entries.map(function (e) { return day(e.date.earliest); }));
    var last = Math.max.apply(null, entries.map(function (e) { return day(e.date.latest) + DAY; }));
    var start = new Date(first);
    start = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
    var end = new Date(last);
    end = Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 1);
    var left = 12;
    var right = width - 12;
    var x = function (time) {
      return left + ((time - start) / (end - start)) * (right - left);
    };
    var root = svg('svg', { width: width, role: 'list', 'aria-label': 'Dated facts, earliest first' });
    // In the document from the start, so that labels can be measured.
    container.append(root);
    var axis = svg('g', { class: 'axis' });
    root.append(axis);
    // One tick per month; month names where there is room for them.
    var months = [];
    for (var t = start; t <= end; ) {
      months.push(t);
      var d = new Date(t);
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
    var monthWidth = (right - left) / Math.max(months.length - 1, 1);
    var every = Math.ceil(64 / monthWidth);
    months.forEach(function (time, i) {
      axis.append(svg('line', { x1: x(time), x2: x(time), y1: 16, y2: 20, class: 'tick' }));
      if (i < months.length - 1 && i % every === 0) {
        var date = new Date(time);
        axis.append(svg('text', { x: x(time) + 3, y: 13, class: 'month' }, MONTHS[date.getUTCMonth()] + ' ' + date.getUTCFullYear()));
      }
    });
    axis.append(svg('line', { x1: left, x2: right, y1: 20, y2: 20, class: 'baseline' }));

    // Entries go on the first lane where they do not run into the one before.
    var lanes = [];
    var items = [];
    entries.forEach(function (entry) {
      var from = x(day(entry.date.earliest));
      var to = x(day(entry.date.latest) + DAY);
      var isDay = entry.date.precision === 'DAY';
      var color = (window.Entente.styles[entry.entity.entityType] || { color: '#BBBBBB' }).color;
      var item = svg('g', {
        class: 'entry' + (entry.date.isInferred ? ' inferred' : ''),
        role: 'listitem',
        tabindex: '0',
        'data-entity': entry.entity.id,
        'aria-label': entry.label + ', ' + entry.date.iso + ' (to ' + PRECISION_WORDS[entry.date.precision] + ')',
      });
      var label = entry.label + ' · ' + entry.date.iso;
      var text = svg('text', { class: 'entry-label' }, label);
      item.append(svg('title', {}, label + (entry.date.qualifier ? ' (' + entry.date.qualifier + ')' : '') + ': known to ' + PRECISION_WORDS[entry.date.precision] + (entry.date.isInferred ? ', inferred' : '')));
      root.append(item);
      item.append(text);
      var glyphEnd = isDay ? (from + to) / 2 + 6 : Math.max(to, from + 4);
      var textWidth = text.getComputedTextLength();
      var glyphStart = isDay ? (from + to) / 2 - 6 : from;
      // The label goes after the glyph, or before it when the strip ends first.
      var before = glyphEnd + 4 + textWidth > right;
      var textX = before ? glyphStart - 4 - textWidth : glyphEnd + 4;
      var extentStart = before ? textX : glyphStart;
      var extentEnd = before ? glyphEnd : textX + textWidth;
      var lane = 0;
      while (lanes[lane] !== undefined && lanes[lane].some(function (span) { return span[0] < extentEnd + 8 && extentStart < span[1] + 8; })) lane++;
      (lanes[lane] = lanes[lane] || []).push([extentStart, extentEnd]);
      var y = 32 + lane * 19;
      if (isDay) {
        var c = (from + to) / 2;
        item.insertBefore(svg('polygon', { points: [c, y - 6, c + 6, y, c, y + 6, c - 6, y].join(' '), fill: color, class: 'glyph' }), text);
      } else {
        item.insertBefore(svg('rect', { x: from, y: y - 5, width: Math.max(to - from, 4), height: 10, rx: 2, fill: color, class: 'glyph' }), text);
      }
      text.setAttribute('x', textX);
      text.setAttribute('y', y + 4);
      var pick = function () {
        onPick(entry);
      };
      item.addEventListener('click', pick);
      item.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          pick();
        }
      });
      items.push(item);
    });
    root.setAttribute('height', 32 + lanes.length * 19);
    return {
      /** Marks the entries whose entity is in the picture. */
      mark: function (present) {
        items.forEach(function (item) {
          item.classList.toggle('in-view', !!present[item.getAttribute('data-entity')]);
        });
      },
    };
  }

  window.Entente.timeline = { draw: draw };
})();
