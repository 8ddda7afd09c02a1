// The graph picture's page: the view (explore-state.js) is drawn by the picture (explore-picture.js),
// described by the panel (explore-panel.js) and placed in time by the timeline (explore-timeline.js).
// Every change makes a new view, pushed to the browser's history with its address, so Back and
// Forward step through changes and Undo is Back.
(function () {
  'use strict';
  var Entente = window.Entente;
  var api = Entente.api;
  var views = Entente.viewState;
  var START = 'Person:karsten-wildberger';
  var METHOD_STRENGTH = ['EXTRACTED', 'INFERRED', 'EXTERNAL', 'EDITORIAL'];

  var panel = new Entente.panel.Panel(document.getElementById('details'), document.getElementById('status'));
  var picture = Entente.picture.create(document.getElementById('graph'), document.getElementById('hover'));
  var cy = picture.cy;
  var pathResult = document.getElementById('path-result');

  var state = views.empty();
  /** Entities as ExploreEntity answered them, by id; null for an id that names nothing. */
  var entities = new Map();
  var pathsFound = new Map();
  var names = new Map();
  var timeline = { mark: function () {} };
  var problems = [];

  function fetchEntity(id) {
    if (entities.has(id)) return Promise.resolve(entities.get(id));
    return api.run('ExploreEntity', { id: id }).then(function (result) {
      var entity = result.data && result.data.node && result.data.node.relations ? result.data.node : null;
      if (!entity) problems.push(api.problem(result, 'No entity has the id “' + id + '”.'));
      else entities.set(id, entity);
      return entity;
    });
  }

  function pathKey(path) {
    return path.from + '~' + path.to;
  }
  function fetchPaths(path) {
    var key = pathKey(path);
    if (pathsFound.has(key)) return Promise.resolve(pathsFound.get(key));
    return api.run('ExplorePaths', { from: path.from, to: path.to }).then(function (result) {
      var found = result.data && result.data.paths ? { paths: result.data.paths } : { error: api.problem(result, 'The paths could not be found.') };
      pathsFound.set(key, found);
      return found;
    });
  }

  /** The strongest way a relationship is supported, which sets its line's style. */
  function strongest(methods) {
    return METHOD_STRENGTH.find(function (m) { return methods.indexOf(m) >= 0; }) || methods[0] || 'EXTRACTED';
  }

  /** The entities and relationships the view shows, each marked as expanded, on the path or filtered out. */
  function modelOf(view, found) {
    var nodes = new Map();
    var edges = new Map();
    var addNode = function (entity) {
      if (!nodes.has(entity.id)) nodes.set(entity.id, { id: entity.id, name: entity.name, entityType: entity.entityType });
      return nodes.get(entity.id);
    };
    var addEdge = function (id, type, symmetric, source, target, methods) {
      if (!edges.has(id)) edges.set(id, { id: id, type: type, label: Entente.panel.words(type), symmetric: symmetric, source: source, target: target, methods: methods, method: strongest(methods) });
      return edges.get(id);
    };
    view.open.forEach(function (id) {
      var entity = entities.get(id);
      if (!entity) return;
      addNode(entity).expanded = true;
      entity.relations.edges.forEach(function (edge) {
        addNode(edge.other);
        var outgoing = edge.direction === 'OUTGOING';
        var methods = edge.node.evidence.map(function (e) { return e.method; });
        addEdge(edge.node.id, edge.node.type, edge.node.isSymmetric, outgoing ? id : edge.other.id, outgoing ? edge.other.id : id, methods);
      });
    });
    view.add.forEach(function (id) {
      var entity = entities.get(id);
      if (entity) addNode(entity);
    });
    if (found && found.paths) {
      found.paths.forEach(function (path) {
        path.hops.forEach(function (hop) {
          addNode(hop.from).onPath = true;
          addNode(hop.to).onPath = true;
          var forwards = hop.direction === 'OUTGOING';
          var methods = hop.evidence.map(function (e) { return e.method; });
          addEdge(hop.relationship.id, hop.relationship.type, hop.relationship.isSymmetric, forwards ? hop.from.id : hop.to.id, forwards ? hop.to.id : hop.from.id, methods).onPath = true;
        });
      });
    }
    view.hide.forEach(function (id) {
      nodes.delete(id);
    });
    var list = [];
    nodes.forEach(function (node) {
      node.off = view.offTypes.indexOf(node.entityType) >= 0;
      list.push(node);
    });
    var lines = [];
    edges.forEach(function (edge) {
      if (!nodes.has(edge.source) || !nodes.has(edge.target)) return;
      var shownMethods = edge.methods.filter(function (m) { return view.offMethods.indexOf(m) < 0; });
      edge.off = nodes.get(edge.source).off || nodes.get(edge.target).off || view.offRels.indexOf(edge.type) >= 0 || shownMethods.length === 0;
      lines.push(edge);
    });
    return { nodes: list, edges: lines };
  }

  /** Shows a view: fetches what it needs, draws it, describes the selection and records it in history. */
  var shown = 0;
  var latest = Promise.resolve();
  function show(view, how) {
    latest = showNow(view, how);
    return latest;
  }
  function showNow(view, how) {
    var sequence = ++shown;
    problems = [];
    state = views.copy(view);
    panel.say('Loading…');
    var wanted = view.open.concat(view.add);
    if (view.sel && view.sel.indexOf('Relationship:') !== 0) wanted.push(view.sel);
    return Promise.all(wanted.map(fetchEntity))
      .then(function () {
        return view.path ? fetchPaths(view.path) : null;
      })
      .then(function (found) {
        // A newer view was asked for while this one loaded: that one will be shown.
        if (sequence !== shown) return null;
        var model = modelOf(view, found);
        var laidOut = picture.render(model, how.positions);
        applySelection(view.sel);
        showPathResult(view.path, found);
        showRelationshipTypes(model);
        markControls();
        if (!how.positions) {
          var focus = how.focus ? cy.getElementById(how.focus) : view.sel ? cy.getElementById(view.sel) : cy.collection();
          if (laidOut || how.refit) picture.fitReadable(focus.nonempty() && focus.isNode() ? focus.closedNeighborhood() : cy.elements(), focus.isNode() ? focus : null);
        }
        record(how);
        var present = {};
        model.nodes.forEach(function (n) {
          present[n.id] = true;
        });
        timeline.mark(present);
        if (problems.length) panel.say(problems.join(' '));
        else describeView(model);
        return view.sel ? describeSelection(view.sel) : null;
      });
  }

  function describeView(model) {
    var shown = model.nodes.filter(function (n) { return !n.off; }).length;
    var lines = model.edges.filter(function (e) { return !e.off; }).length;
    var zoomNote = cy.zoom() < picture.readableZoom - 1e-6 ? ' Zoomed out: names show when you point at an entity; zoom in to read them all.' : '';
    panel.say(shown + ' entities and ' + lines + ' relationships in view. Click an entity to expand it, a line to read its evidence.' + zoomNote);
  }

  function applySelection(id) {
    cy.elements(':selected').unselect();
    var element = id ? cy.getElementById(id) : cy.collection();
    if (element.nonempty()) element.select();
    picture.highlight(element.nonempty() && element.isNode() ? id : null);
  }

  var historyStep = 0;
  /** Records the view in the browser's history: pushed for a change, replaced for a restore. */
  function record(how) {
    var address = '/explore' + views.toSearch(state);
    var entry = { view: state, positions: picture.positionsNow(), step: how.push ? historyStep + 1 : historyStep };
    if (how.push) {
      historyStep++;
      history.pushState(entry, '', address);
    } else {
      history.replaceState(entry, '', address);
    }
    document.getElementById('undo').disabled = historyStep === 0;
  }

  /** Changes the view: the change is a new entry in the browser's history. */
  function change(update, focus) {
    var next = views.copy(state);
    update(next);
    return show(next, { push: true, focus: focus });
  }

  function describeSelection(id) {
    if (id.indexOf('Relationship:') === 0) {
      return api.run('ExploreRelationship', { id: id }).then(function (result) {
        var relationship = result.data && result.data.node;
        if (!relationship) return panel.say(api.problem(result, 'The relationship “' + id + '” is not in the graph.'));
        panel.showRelationship(relationship);
      });
    }
    var entity = entities.get(id);
    if (!entity) return null;
    panel.showEntity(entity, { expanded: state.open.indexOf(id) >= 0 }, {
      expand: function () { expand(id); },
      collapse: function () { collapse(id); },
      hide: function () { hide(id); },
      pathFrom: function () { document.getElementById('path-from').value = entity.name; names.set(entity.name.toLowerCase(), id); },
      pathTo: function () { document.getElementById('path-to').value = entity.name; names.set(entity.name.toLowerCase(), id); },
      openRelationship: function (relationshipId) { select(relationshipId); },
    });
  }

  function expand(id) {
    change(function (v) {
      v.open = views.including(v.open, id);
      v.hide = views.excluding(v.hide, id);
      v.sel = id;
    }, id);
  }
  function collapse(id) {
    change(function (v) {
      v.open = views.excluding(v.open, id);
      // What stays in view is the entity itself, unless nothing else shows it.
      if (v.open.length === 0 && v.add.indexOf(id) < 0) v.add = views.including(v.add, id);
      v.sel = id;
    });
  }
  function hide(id) {
    change(function (v) {
      v.open = views.excluding(v.open, id);
      v.add = views.excluding(v.add, id);
      v.hide = views.including(v.hide, id);
      if (v.sel === id) v.sel = null;
    });
  }
  function select(id) {
    change(function (v) {
      v.sel = id;
    });
  }

  function markControls() {
    var sel = state.sel;
    var isEntity = !!sel && sel.indexOf('Relationship:') !== 0 && cy.getElementById(sel).nonempty();
    document.getElementById('expand').disabled = !isEntity || state.open.indexOf(sel) >= 0;
    document.getElementById('collapse').disabled = !isEntity || state.open.indexOf(sel) < 0;
    document.getElementById('hide').disabled = !isEntity;
    var hidden = document.getElementById('show-hidden');
    hidden.disabled = state.hide.length === 0;
    hidden.textContent = state.hide.length ? 'Show hidden (' + state.hide.length + ')' : 'Show hidden';
  }

  function showPathResult(path, found) {
    if (!path) {
      pathResult.replaceChildren();
      return;
    }
    if (found.error) {
      pathResult.replaceChildren();
      var message = document.createElement('p');
      message.className = 'error';
      message.textContent = found.error;
      pathResult.append(message);
      return;
    }
    Entente.panel.showPaths(pathResult, found.paths, select);
  }

  function showRelationshipTypes(model) {
    var types = [];
    model.edges.forEach(function (e) {
      if (types.indexOf(e.type) < 0) types.push(e.type);
    });
    types.sort();
    Entente.panel.showRelationshipFilters(document.getElementById('filter-relationships'), types, state.offRels, function (type, on) {
      change(function (v) {
        v.offRels = on ? views.excluding(v.offRels, type) : views.including(v.offRels, type);
      });
    });
  }

  // Filters that the page draws once: entity types and evidence methods.
  function bindFilter(name, key) {
    document.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
      box.addEventListener('change', function () {
        change(function (v) {
          v[key] = box.checked ? views.excluding(v[key], box.value) : views.including(v[key], box.value);
        });
      });
    });
  }
  bindFilter('entity-type', 'offTypes');
  bindFilter('evidence-method', 'offMethods');
  function syncFilters() {
    document.querySelectorAll('input[name="entity-type"]').forEach(function (box) {
      box.checked = state.offTypes.indexOf(box.value) < 0;
    });
    document.querySelectorAll('input[name="evidence-method"]').forEach(function (box) {
      box.checked = state.offMethods.indexOf(box.value) < 0;
    });
  }

  // A click on an entity expands it (or selects it once expanded), on a line selects the line, and on
  // the background clears the selection. An entity is drawn over the lines, so where cytoscape finds
  // a line or nothing inside an entity's box, the entity was meant (see picture.entityAt).
  cy.on('tap', function (event) {
    var target = event.target;
    if (target === cy || target.isEdge()) {
      var missed = picture.entityAt(event.position);
      if (missed.nonempty()) target = missed;
    }
    if (target === cy) {
      if (state.sel) {
        change(function (v) {
          v.sel = null;
        });
      }
    } else if (target.isEdge()) select(target.id());
    else if (state.open.indexOf(target.id()) < 0) expand(target.id());
    else select(target.id());
  });
  // Moving entities by hand is kept for Back, Forward and reload.
  cy.on('dragfree', 'node', function () {
    history.replaceState(Object.assign({}, history.state, { positions: picture.positionsNow() }), '');
  });

  document.getElementById('fit').addEventListener('click', function () {
    cy.fit(cy.elements(':visible'), 30);
    describeView(modelOf(state, state.path ? pathsFound.get(pathKey(state.path)) : null));
  });
  document.getElementById('relayout').addEventListener('click', function () {
    picture.layout();
    var sel = state.sel ? cy.getElementById(state.sel) : cy.collection();
    picture.fitReadable(sel.nonempty() && sel.isNode() ? sel.closedNeighborhood() : cy.elements(), sel.nonempty() && sel.isNode() ? sel : null);
    history.replaceState(Object.assign({}, history.state, { positions: picture.positionsNow() }), '');
  });
  document.getElementById('undo').addEventListener('click', function () {
    history.back();
  });
  document.getElementById('expand').addEventListener('click', function () {
    if (state.sel) expand(state.sel);
  });
  document.getElementById('collapse').addEventListener('click', function () {
    if (state.sel) collapse(state.sel);
  });
  document.getElementById('hide').addEventListener('click', function () {
    if (state.sel) hide(state.sel);
  });
  document.getElementById('show-hidden').addEventListener('click', function () {
    change(function (v) {
      v.hide = [];
    });
  });
  document.getElementById('export-png').addEventListener('click', picture.exportPng);
  document.getElementById('export-svg').addEventListener('click', picture.exportSvg);
  document.getElementById('export-json').addEventListener('click', function () {
    var view = {
      address: location.href,
      view: state,
      entities: cy.nodes(':visible').map(function (n) {
        return { id: n.id(), name: n.data('name'), entityType: n.data('entityType') };
      }),
      relationships: cy.edges(':visible').map(function (e) {
        return { id: e.id(), type: e.data('type'), from: e.source().id(), to: e.target().id(), evidenceMethods: e.data('methods') };
      }),
    };
    picture.download(new Blob([JSON.stringify(view, null, 2)], { type: 'application/json' }), 'entente-view.json');
  });

  /**
   * The data behind the view from the server's /export: the neighbourhood (one step) of the selected
   * entity, or of the first entity opened, as JSON-LD or as a CSV table of its relationships.
   */
  function exportNeighborhood(query) {
    var center = state.sel && state.sel.indexOf('Relationship:') !== 0 ? state.sel : state.open[0] || state.add[0];
    if (!center) {
      panel.say('Select or open an entity first: its neighbourhood is what is exported.');
      return;
    }
    picture.download('/export?neighborhood=' + encodeURIComponent(center) + '&depth=1&' + query, '');
  }
  document.getElementById('export-jsonld').addEventListener('click', function () {
    exportNeighborhood('format=jsonld');
  });
  document.getElementById('export-csv').addEventListener('click', function () {
    exportNeighborhood('format=csv&table=relationships');
  });

  window.addEventListener('popstate', function (event) {
    var entry = event.state;
    historyStep = entry && typeof entry.step === 'number' ? entry.step : 0;
    var view = entry && entry.view ? entry.view : views.parse(location.search);
    show(view, { positions: entry && entry.positions }).then(syncFilters);
  });

  /** Resolves a typed name or id to an entity: an id as it is, an exact name or alias at once, else the search's choice. */
  function findEntity(text) {
    if (/^[A-Z][A-Za-z]*:/.test(text)) return Promise.resolve({ entity: { id: text, name: text } });
    var known = names.get(text.toLowerCase());
    if (known) return Promise.resolve({ entity: { id: known, name: text } });
    return api.run('ExploreSearch', { query: text }).then(function (result) {
      if (!result.data) return { error: api.problem(result, 'The search failed.') };
      var found = result.data.search.nodes;
      var exact = found.filter(function (hit) { return hit.isExactMatch; });
      if (exact.length === 1) return { entity: exact[0].node };
      if (exact.length > 1) return { choices: exact.map(function (hit) { return hit.node; }) };
      if (found.length === 1) return { entity: found[0].node };
      if (found.length === 0) return { error: 'Nothing in the graph is called “' + text + '”. Pick a name from the suggestions.' };
      return { choices: found.map(function (hit) { return hit.node; }) };
    });
  }

  function startFrom(id) {
    change(function (v) {
      var fresh = views.empty();
      Object.assign(v, fresh, { open: [id], sel: id, offTypes: v.offTypes, offRels: v.offRels, offMethods: v.offMethods });
    }, id);
  }

  document.getElementById('find').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = document.getElementById('find-name').value.trim();
    if (!text) return;
    panel.say('Looking for “' + text + '”…');
    findEntity(text).then(function (outcome) {
      if (outcome.entity) startFrom(outcome.entity.id);
      else if (outcome.choices) {
        panel.say(outcome.choices.length + ' entities match.');
        panel.showCandidates(text, outcome.choices, function (entity) {
          startFrom(entity.id);
        });
      } else panel.say(outcome.error);
    });
  });

  document.getElementById('path-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var from = document.getElementById('path-from').value.trim();
    var to = document.getElementById('path-to').value.trim();
    Promise.all([findEntity(from), findEntity(to)]).then(function (ends) {
      var unresolved = ends.map(function (end, i) {
        return end.entity ? null : (end.error || 'Several entities match “' + [from, to][i] + '”; pick one from the suggestions.');
      }).filter(Boolean);
      if (unresolved.length) {
        pathResult.replaceChildren();
        var message = document.createElement('p');
        message.className = 'error';
        message.textContent = unresolved.join(' ');
        pathResult.append(message);
        return;
      }
      change(function (v) {
        v.path = { from: ends[0].entity.id, to: ends[1].entity.id };
      });
    });
  });

  api.run('ExploreIndex', {}).then(function (result) {
    var list = document.getElementById('entity-names');
    Object.values(result.data || {}).forEach(function (connection) {
      connection.nodes.forEach(function (entity) {
        names.set(entity.name.toLowerCase(), entity.id);
        var option = document.createElement('option');
        option.value = entity.name;
        list.append(option);
      });
    });
  });

  var timelineReady = api.run('ExploreTimeline', {}).then(function (result) {
    var entries = result.data ? result.data.timeline.nodes : [];
    timeline = Entente.timeline.draw(document.getElementById('timeline-strip'), entries, function (entry) {
      var id = entry.entity.id;
      change(function (v) {
        if (!cy.getElementById(id).nonempty()) v.add = views.including(v.add, id);
        v.hide = views.excluding(v.hide, id);
        v.sel = id;
      }, id);
    });
  });

  // The first view: the history's when returning to this page, else the address's, else one entity.
  var entry = history.state;
  historyStep = entry && typeof entry.step === 'number' ? entry.step : 0;
  var first = entry && entry.view ? entry.view : views.parse(location.search);
  if (first.open.length + first.add.length === 0 && !first.path) first.open = [START];
  if (!first.sel && first.open.length === 1) first.sel = first.open[0];
  state = first;
  syncFilters();
  var ready = timelineReady.then(function () {
    return show(first, { positions: entry && entry.positions });
  });

  // For tests and the curious: the cytoscape instance behind the picture and the view it shows.
  window.entente = {
    cy: cy,
    ready: ready,
    view: function () {
      return views.copy(state);
    },
    /** Resolves once the last change asked for is drawn and described. */
    settled: function () {
      return latest;
    },
  };
})();
