// The view as data, and its address: which entities are expanded, added, hidden and selected, the
// path asked for and the filters. Everything an analyst changes is in the URL, so Back, Forward,
// reload and a shared link show the same view.
(function () {
  'use strict';
  var LISTS = { open: 'open', add: 'add', hide: 'hide', offTypes: 'notypes', offRels: 'norels', offMethods: 'nomethods' };

  function empty() {
    return { open: [], add: [], hide: [], sel: null, path: null, offTypes: [], offRels: [], offMethods: [] };
  }

  function list(params, name) {
    var value = params.get(name);
    return value ? value.split(',').filter(Boolean) : [];
  }

  /** The view an address describes; `?id=` (older links) opens that one entity. */
  function parse(search) {
    var params = new URLSearchParams(search);
    var state = empty();
    Object.keys(LISTS).forEach(function (key) {
      state[key] = list(params, LISTS[key]);
    });
    var legacy = params.get('id');
    if (legacy && state.open.indexOf(legacy) < 0) state.open.push(legacy);
    state.sel = params.get('sel') || null;
    if (params.get('from') && params.get('to')) state.path = { from: params.get('from'), to: params.get('to') };
    return state;
  }

  /** The address of a view: lists joined by commas (ids never hold one), empty parts left out. */
  function toSearch(state) {
    var parts = [];
    var add = function (name, value) {
      parts.push(name + '=' + encodeURIComponent(value).replace(/%2C/g, ','));
    };
    Object.keys(LISTS).forEach(function (key) {
      if (state[key].length) add(LISTS[key], state[key].join(','));
    });
    if (state.sel) add('sel', state.sel);
    if (state.path) {
      add('from', state.path.from);
      add('to', state.path.to);
    }
    return parts.length ? '?' + parts.join('&') : '';
  }

  function copy(state) {
    return JSON.parse(JSON.stringify(state));
  }

  /** A list with a value added once, or taken out. */
  function including(values, value) {
    return values.indexOf(value) < 0 ? values.concat([value]) : values;
  }
  function excluding(values, value) {
    return values.filter(function (v) {
      return v !== value;
    });
  }

  window.Entente.viewState = { empty: empty, parse: parse, toSearch: toSearch, copy: copy, including: including, excluding: excluding };
})();
