// The graph picture: an entity's neighbourhood drawn with cytoscape, built from `relations`. Click an
// entity to expand it, a relationship to read its evidence. Every request goes to this server's
// /graphql with the persisted operations embedded in the page.
(function () {
  'use strict';
  var operations = JSON.parse(document.getElementById('entente-operations').textContent);
  var statusLine = document.getElementById('status');
  var details = document.getElementById('details');
  var START = 'Person:karsten-wildberger';

  // Shapes and colours by entity type; the legend is drawn from this table.
  var TYPES = {
    COUNTRY: { shape: 'hexagon', color: '#2b6cb0', label: 'Country' },
    PERSON: { shape: 'ellipse', color: '#c05621', label: 'Person' },
    AGREEMENT: { shape: 'diamond', color: '#6b46c1', label: 'Agreement' },
    EVENT: { shape: 'round-rectangle', color: '#2f855a', label: 'Event' },
    TOPIC: { shape: 'barrel', color: '#b7791f', label: 'Topic' },
    ORGANIZATION: { shape: 'rectangle', color: '#4a5568', label: 'Organization' },
    PLACE: { shape: 'triangle', color: '#319795', label: 'Place' },
    PRODUCT: { shape: 'star', color: '#d53f8c', label: 'Product' },
    OFFICE: { shape: 'round-tag', color: '#975a16', label: 'Office' },
    POLICY: { shape: 'octagon', color: '#00a3c4', label: 'Policy' },
    SOURCE: { shape: 'round-pentagon', color: '#718096', label: 'Source' },
  };

  function setStatus(text) {
    statusLine.textContent = text;
  }

  /** Runs a persisted operation by name; resolves to { data, errors }. */
  function run(name, variables) {
    var operation = operations[name];
    return fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: operation.document, operationName: name, variables: variables }),
    }).then(function (response) {
      return response.json();
    });
  }

  /** A link that opens the same operation, with the same variables, in the IDE. */
  function ideLink(name, variables) {
    var link = document.createElement('a');
    link.className = 'ide-query';
    link.href = '/?query=' + encodeURIComponent(operations[name].readable) + '&variables=' + encodeURIComponent(JSON.stringify(variables, null, 2));
    link.textContent = 'Open this query in the IDE';
    return link;
  }

  function words(type) {
    return type.toLowerCase().replace(/_/g, ' ');
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var cy = cytoscape({
    container: document.getElementById('graph'),
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      {
        selector: 'node',
        style: {
          shape: 'data(shape)',
          'background-color': 'data(color)',
          width: 34,
          height: 34,
          label: 'data(name)',
          'font-family': 'system-ui, sans-serif',
          'font-size': 12,
          color: '#1a202c',
          'text-valign': 'bottom',
          'text-margin-y': 5,
          'text-wrap': 'wrap',
          'text-max-width': 130,
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.85,
          'text-background-padding': 2,
        },
      },
      { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#1a202c' } },
      { selector: 'node:selected', style: { 'overlay-color': '#3182ce', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
      {
        selector: 'edge',
        style: {
          width: 1.5,
          'line-color': '#a0aec0',
          'target-arrow-color': '#a0aec0',
          'target-arrow-shape': 'triangle',
          'curve-style': 'bezier',
          label: 'data(label)',
          'font-family': 'system-ui, sans-serif',
          'font-size': 10,
          color: '#4a5568',
          'text-rotation': 'autorotate',
          'text-background-color': '#f7fafc',
          'text-background-opacity': 1,
          'text-background-padding': 1,
        },
      },
      { selector: 'edge:selected', style: { width: 3, 'line-color': '#3182ce', 'target-arrow-color': '#3182ce', color: '#2c5282' } },
    ],
  });

  function addEntity(entity, position) {
    if (cy.getElementById(entity.id).nonempty()) return false;
    var type = TYPES[entity.entityType] || { shape: 'ellipse', color: '#718096' };
    cy.add({ group: 'nodes', data: { id: entity.id, name: entity.name, entityType: entity.entityType, shape: type.shape, color: type.color }, position: position });
    return true;
  }

  function layout() {
    return new Promise(function (resolve) {
      var running = cy.layout({
        name: 'cose',
        animate: false,
        randomize: false,
        nodeDimensionsIncludeLabels: true,
        idealEdgeLength: function () {
          return 150;
        },
        nodeRepulsion: function () {
          return 1200000;
        },
        nodeOverlap: 40,
        edgeElasticity: function () {
          return 80;
        },
        gravity: 0.4,
        numIter: 2500,
        padding: 40,
      });
      running.one('layoutstop', function () {
        cy.fit(undefined, 40);
        resolve();
      });
      running.run();
    });
  }

  /** Adds an entity's relationships and the entities at their other ends; lays the graph out again. */
  function expand(id) {
    setStatus('Loading ' + id + '…');
    return run('ExploreEntity', { id: id }).then(function (result) {
      var entity = result.data && result.data.node;
      if (!entity) {
        setStatus(result.errors ? result.errors[0].message : 'Nothing in the graph has the id ' + id + '.');
        return;
      }
      addEntity(entity, { x: 0, y: 0 });
      var centre = cy.getElementById(id);
      var near = centre.position();
      var count = entity.relations.edges.length;
      entity.relations.edges.forEach(function (edge, index) {
        // New entities start on a ring around the expanded one; the layout then spreads them out.
        var angle = (2 * Math.PI * index) / count;
        addEntity(edge.other, { x: near.x + 120 * Math.cos(angle), y: near.y + 120 * Math.sin(angle) });
        if (cy.getElementById(edge.node.id).empty()) {
          var outgoing = edge.direction === 'OUTGOING';
          cy.add({
            group: 'edges',
            data: { id: edge.node.id, source: outgoing ? id : edge.other.id, target: outgoing ? edge.other.id : id, label: words(edge.node.type) },
          });
        }
      });
      centre.addClass('expanded');
      return layout().then(function () {
        var shown = entity.relations.edges.length;
        setStatus(
          entity.name + ': ' + shown + ' relationship' + (shown === 1 ? '' : 's') + (entity.relations.totalCount > shown ? ' of ' + entity.relations.totalCount : '') + '. Click an entity to expand it, a relationship to read its evidence.',
        );
        showEntity(entity);
      });
    });
  }

  function showEntity(entity) {
    details.replaceChildren();
    var type = TYPES[entity.entityType];
    details.append(element('p', 'kind', type ? type.label : entity.entityType), element('h2', null, entity.name));
    if (entity.description) details.append(element('p', null, entity.description));
    details.append(element('p', 'id', entity.id), ideLink('ExploreEntity', { id: entity.id }));
  }

  function showRelationship(id) {
    setStatus('Loading the evidence…');
    return run('ExploreRelationship', { id: id }).then(function (result) {
      var relationship = result.data && result.data.node;
      if (!relationship) {
        setStatus(result.errors ? result.errors[0].message : 'The relationship ' + id + ' is not in the graph.');
        return;
      }
      details.replaceChildren();
      details.append(
        element('p', 'kind', 'Relationship'),
        element('h2', null, relationship.from.name + ' — ' + words(relationship.type) + ' → ' + relationship.to.name),
      );
      var properties = element('dl', 'properties');
      [
        ['on behalf of', relationship.onBehalfOf && relationship.onBehalfOf.name],
        ['capacity', relationship.capacity],
        ['role', relationship.role],
        ['note', relationship.note],
      ].forEach(function (pair) {
        if (pair[1]) properties.append(element('dt', null, pair[0]), element('dd', null, pair[1]));
      });
      if (properties.childElementCount) details.append(properties);
      var list = element('ol', 'evidence');
      relationship.evidence.forEach(function (evidence) {
        var item = element('li');
        item.append(element('blockquote', 'quote', evidence.quote));
        var citation = element('p', 'citation');
        citation.append(element('cite', 'source-title', evidence.source.title));
        var where = ', ' + (evidence.source.publishedOn ? evidence.source.publishedOn.iso + ', ' : '') + 'characters ' + evidence.start + '–' + evidence.end;
        citation.append(document.createTextNode(where));
        item.append(citation);
        var how = words(evidence.method) + (evidence.modality === 'STATED' ? '' : ', ' + words(evidence.modality)) + (evidence.speaker ? ' by ' + evidence.speaker.name : '');
        item.append(element('p', 'method', how));
        if (evidence.reason) item.append(element('p', 'reason', evidence.reason));
        if (evidence.reference) {
          var reference = element('a', 'reference', evidence.reference);
          reference.href = evidence.reference;
          reference.rel = 'noreferrer';
          item.append(reference);
        }
        list.append(item);
      });
      details.append(element('h3', null, 'Evidence'), list, ideLink('ExploreRelationship', { id: id }));
      setStatus('The words of the source that support this relationship.');
    });
  }

  /** Folds a name as the server does: case, accents and punctuation ignored. */
  function fold(text) {
    return text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  }

  /** Finds entities by ranked search when the server offers it, else by exact name or alias. */
  var searchAvailable = true;
  function find(text) {
    var exact = function () {
      return run('ExploreFind', { name: text }).then(function (result) {
        return (result.data && result.data.entitiesByName) || [];
      });
    };
    if (!searchAvailable) return exact();
    return run('ExploreSearch', { query: text }).then(function (result) {
      if (result.errors || !result.data) {
        searchAvailable = false;
        return exact();
      }
      var found = result.data.search.nodes.map(function (hit) {
        return hit.node;
      });
      return found.length ? found : exact();
    });
  }

  function showCandidates(text, found) {
    details.replaceChildren(element('p', 'kind', 'Several entities match “' + text + '”'));
    var list = element('ul', 'candidates');
    found.forEach(function (entity) {
      var button = element('button', null, entity.name + ' (' + (TYPES[entity.entityType] || { label: entity.entityType }).label + ')');
      button.type = 'button';
      button.addEventListener('click', function () {
        startFrom(entity.id);
      });
      var item = element('li');
      item.append(button);
      list.append(item);
    });
    details.append(list);
  }

  function startFrom(id) {
    cy.elements().remove();
    history.replaceState(null, '', '/explore?id=' + encodeURIComponent(id));
    return expand(id);
  }

  document.getElementById('find').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = document.getElementById('find-name').value.trim();
    if (!text) return;
    setStatus('Looking for “' + text + '”…');
    find(text).then(function (found) {
      // A hit named exactly as typed (case and accents aside) is what was meant: go straight to it.
      var named = found.filter(function (entity) {
        return fold(entity.name) === fold(text);
      });
      if (found.length === 0) setStatus('Nothing in the graph is called “' + text + '”. Pick a name from the suggestions.');
      else if (named.length === 1) startFrom(named[0].id);
      else if (found.length === 1) startFrom(found[0].id);
      else {
        setStatus(found.length + ' entities match.');
        showCandidates(text, found);
      }
    });
  });

  cy.on('tap', 'node', function (event) {
    var node = event.target;
    if (node.hasClass('expanded')) {
      run('ExploreEntity', { id: node.id() }).then(function (result) {
        if (result.data && result.data.node) showEntity(result.data.node);
      });
    } else expand(node.id());
  });
  cy.on('tap', 'edge', function (event) {
    showRelationship(event.target.id());
  });

  var legend = document.getElementById('legend');
  legend.append(element('h3', null, 'Entity types'));
  Object.keys(TYPES).forEach(function (key) {
    var item = element('span', 'legend-item', TYPES[key].label);
    item.style.setProperty('--swatch', TYPES[key].color);
    legend.append(item);
  });

  run('ExploreIndex', {}).then(function (result) {
    var names = document.getElementById('entity-names');
    Object.values(result.data || {}).forEach(function (connection) {
      connection.nodes.forEach(function (entity) {
        var option = document.createElement('option');
        option.value = entity.name;
        names.append(option);
      });
    });
  });

  // For tests and the curious: the cytoscape instance behind the picture.
  window.entente = { cy: cy, ready: startFrom(new URLSearchParams(window.location.search).get('id') || START) };
})();
