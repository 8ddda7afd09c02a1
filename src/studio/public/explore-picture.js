// The picture: cytoscape draws the entities and relationships in view. It keeps every label
// readable: labels are 13 px at zoom 1, the picture is never fitted below the zoom at which they are
// 11 px, and when the analyst zooms out further cytoscape hides them (min-zoomed-font-size) and the
// name shows on hover instead. Relationship labels show on hover and on the selected line only.
(function () {
  'use strict';
  var styles = window.Entente.styles;
  var LABEL_SIZE = 13;
  var SMALLEST_LABEL = 11;
  /** The lowest zoom at which a 13 px label is still drawn at 11 px. */
  var READABLE_ZOOM = SMALLEST_LABEL / LABEL_SIZE;
  var NODE_SIZE = 30;

  /** A small seeded generator (mulberry32), so the same view is always laid out the same way. */
  function seededRandom(seed) {
    return function () {
      seed = (seed + 0x6d2b79f5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function hash(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return h >>> 0;
  }

  var stylesheet = [
    {
      selector: 'node',
      style: {
        shape: 'data(shape)',
        'background-color': 'data(color)',
        width: NODE_SIZE,
        height: NODE_SIZE,
        'border-width': 1,
        'border-color': '#1a202c',
        label: 'data(name)',
        'font-family': 'system-ui, sans-serif',
        'font-size': LABEL_SIZE,
        'min-zoomed-font-size': SMALLEST_LABEL,
        color: '#1a202c',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': 120,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.9,
        'text-background-padding': 2,
      },
    },
    { selector: 'node.expanded', style: { 'border-width': 3.5 } },
    { selector: 'node:selected', style: { 'outline-width': 3, 'outline-color': '#0072B2', 'outline-offset': 3, 'font-weight': 'bold' } },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': '#718096',
        'target-arrow-color': '#718096',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        'curve-style': 'bezier',
        label: '',
        'font-family': 'system-ui, sans-serif',
        'font-size': LABEL_SIZE,
        'min-zoomed-font-size': SMALLEST_LABEL,
        color: '#1a202c',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 1,
        'text-background-padding': 2,
      },
    },
    { selector: 'edge.symmetric', style: { 'target-arrow-shape': 'none' } },
    { selector: 'edge[method = "INFERRED"]', style: { 'line-style': 'dashed' } },
    { selector: 'edge[method = "EXTERNAL"]', style: { 'line-style': 'dotted', width: 2 } },
    { selector: 'edge[method = "EDITORIAL"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [2, 4, 8, 4] } },
    { selector: 'edge.show-label, edge:selected', style: { label: 'data(label)', 'z-index': 20 } },
    { selector: 'edge:selected', style: { width: 3, 'line-color': '#0072B2', 'target-arrow-color': '#0072B2' } },
    { selector: 'edge.on-path', style: { width: 4, 'line-color': '#D55E00', 'target-arrow-color': '#D55E00' } },
    { selector: 'node.on-path', style: { 'border-width': 3.5, 'border-color': '#D55E00' } },
    { selector: '.faded', style: { opacity: 0.3 } },
    { selector: '.off', style: { display: 'none' } },
  ];

  function create(container, hover) {
    var cy = cytoscape({ container: container, style: stylesheet, minZoom: 0.1, maxZoom: 3, boxSelectionEnabled: false });

    function showHover(event, text) {
      hover.textContent = text;
      hover.hidden = false;
      var box = container.getBoundingClientRect();
      hover.style.left = box.left + window.scrollX + event.renderedPosition.x + 14 + 'px';
      hover.style.top = box.top + window.scrollY + event.renderedPosition.y + 14 + 'px';
    }
    cy.on('mouseover', 'node', function (event) {
      var node = event.target;
      showHover(event, node.data('name') + ' · ' + (styles[node.data('entityType')] || { label: node.data('entityType') }).label);
    });
    cy.on('mouseover', 'edge', function (event) {
      var edge = event.target;
      edge.addClass('show-label');
      showHover(event, edge.source().data('name') + ' — ' + edge.data('label') + (edge.hasClass('symmetric') ? ' — ' : ' → ') + edge.target().data('name'));
    });
    cy.on('mouseout', 'node, edge', function (event) {
      event.target.removeClass('show-label');
      hover.hidden = true;
    });
    cy.on('viewport', function () {
      hover.hidden = true;
    });

    /** Fades what is not next to the selected entity, so its relationships stand out. */
    function highlight(id) {
      cy.elements().removeClass('faded');
      var node = id ? cy.getElementById(id) : cy.collection();
      if (node.nonempty() && node.isNode()) cy.elements().not(node.closedNeighborhood()).addClass('faded');
    }

    /** Places new entities around a neighbour already drawn, so an expansion grows from its centre. */
    function placeNear(anchor, index, count) {
      var angle = (2 * Math.PI * index) / Math.max(count, 1);
      var centre = anchor ? anchor.position() : { x: 0, y: 0 };
      return { x: centre.x + 140 * Math.cos(angle), y: centre.y + 140 * Math.sin(angle) };
    }

    /**
     * Makes the picture show exactly the model's elements: removes what is gone, adds what is new,
     * and lays the picture out when something was added. `positions` (from the browser's history)
     * put every entity back where it was instead.
     */
    function render(model, positions) {
      var wanted = {};
      model.nodes.forEach(function (n) {
        wanted[n.id] = true;
      });
      model.edges.forEach(function (e) {
        wanted[e.id] = true;
      });
      var hadNodes = cy.nodes().length > 0;
      cy.batch(function () {
        cy.elements()
          .filter(function (element) {
            return !wanted[element.id()];
          })
          .remove();
      });
      var added = [];
      var fresh = model.nodes.filter(function (n) {
        return cy.getElementById(n.id).empty();
      });
      cy.batch(function () {
        fresh.forEach(function (n, index) {
          var anchorEdge = model.edges.find(function (e) {
            var other = e.source === n.id ? e.target : e.target === n.id ? e.source : null;
            return other && cy.getElementById(other).nonempty();
          });
          var anchor = anchorEdge ? cy.getElementById(anchorEdge.source === n.id ? anchorEdge.target : anchorEdge.source) : null;
          var type = styles[n.entityType] || { shape: 'ellipse', color: '#BBBBBB' };
          var position = positions && positions.nodes[n.id] ? positions.nodes[n.id] : placeNear(anchor, index, fresh.length);
          added.push(cy.add({ group: 'nodes', data: { id: n.id, name: n.name, entityType: n.entityType, shape: type.shape, color: type.color }, position: position }));
        });
        model.nodes.forEach(function (n) {
          var node = cy.getElementById(n.id);
          node.toggleClass('expanded', !!n.expanded);
          node.toggleClass('on-path', !!n.onPath);
          node.toggleClass('off', !!n.off);
        });
        model.edges.forEach(function (e) {
          var edge = cy.getElementById(e.id);
          if (edge.empty()) {
            edge = cy.add({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, label: e.label, type: e.type, method: e.method, methods: e.methods } });
          }
          edge.toggleClass('symmetric', !!e.symmetric);
          edge.toggleClass('on-path', !!e.onPath);
          edge.toggleClass('off', !!e.off);
        });
      });
      if (positions && model.nodes.every(function (n) { return positions.nodes[n.id]; })) {
        cy.nodes().forEach(function (node) {
          node.position(positions.nodes[node.id()]);
        });
        if (positions.zoom) cy.viewport({ zoom: positions.zoom, pan: positions.pan });
        return false;
      }
      if (added.length === 0) return false;
      layout(!hadNodes);
      return true;
    }

    /**
     * Lays the picture out with fCoSE, labels counted in each entity's size. Random choices come from
     * a generator seeded by what is drawn, so a shared link gives the same picture.
     */
    function layout(fromScratch) {
      var ids = cy.nodes().map(function (n) { return n.id(); }).sort().join('|');
      var random = Math.random;
      Math.random = seededRandom(hash(ids));
      try {
        cy.layout({
          name: 'fcose',
          quality: 'proof',
          randomize: fromScratch,
          animate: false,
          fit: false,
          nodeDimensionsIncludeLabels: true,
          packComponents: false,
          nodeRepulsion: function () { return 12000; },
          idealEdgeLength: function () { return 120; },
          edgeElasticity: function () { return 0.45; },
          nodeSeparation: 100,
          gravity: 0.3,
          numIter: 2500,
        }).run();
      } finally {
        Math.random = random;
      }
      spreadUntilLabelsClear();
    }

    /** Label boxes of the entities in view. */
    function labelBoxes() {
      return cy.nodes(':visible').map(function (node) {
        return { id: node.id(), box: node.boundingBox({ includeNodes: true, includeEdges: false, includeLabels: true }) };
      });
    }
    function overlapping() {
      var boxes = labelBoxes();
      for (var i = 0; i < boxes.length; i++) {
        for (var j = i + 1; j < boxes.length; j++) {
          var a = boxes[i].box;
          var b = boxes[j].box;
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) return true;
        }
      }
      return false;
    }
    /**
     * fCoSE keeps entities apart but may leave two labels touching; spreading the picture from its
     * centre (labels keep their size) parts them, a little at a time.
     */
    function spreadUntilLabelsClear() {
      for (var round = 0; round < 12 && overlapping(); round++) {
        var centre = cy.nodes().boundingBox();
        var cx = (centre.x1 + centre.x2) / 2;
        var cyy = (centre.y1 + centre.y2) / 2;
        cy.nodes().positions(function (node) {
          var p = node.position();
          return { x: cx + (p.x - cx) * 1.12, y: cyy + (p.y - cyy) * 1.12 };
        });
      }
    }

    /**
     * Zooms to show the given elements, but never so far out that labels fall below 11 px: what does
     * not fit then lies around the centre element, a pan away.
     */
    function fitReadable(elements, centre) {
      var visible = elements.filter(':visible');
      if (visible.empty()) return;
      cy.fit(visible, 40);
      if (cy.zoom() > 1.5) {
        cy.zoom(1.5);
        cy.center(visible);
      }
      if (cy.zoom() < READABLE_ZOOM) {
        cy.zoom(READABLE_ZOOM);
        cy.center(centre && centre.nonempty() ? centre : visible);
      }
    }

    /**
     * The entity whose box holds a point of the picture (model coordinates), the topmost one, or an
     * empty collection. Cytoscape's test for a point inside a polygon casts a vertical ray and counts a
     * corner on the ray twice, so a click on the vertical line through the tip of a diamond or a star
     * (agreements, events) finds a line passing under it or nothing; after cy.center() such an entity
     * sits on a whole pixel column, where a click lands exactly. Its box stands in for its shape.
     */
    function entityAt(point) {
      var hit = cy.nodes(':visible').filter(function (node) {
        var box = node.boundingBox({ includeLabels: false, includeOverlays: false });
        return point.x >= box.x1 && point.x <= box.x2 && point.y >= box.y1 && point.y <= box.y2;
      });
      return hit.length > 1 ? hit.last() : hit;
    }

    /** Where every entity is and how the picture is zoomed, for the browser's history. */
    function positionsNow() {
      var nodes = {};
      cy.nodes().forEach(function (node) {
        var p = node.position();
        nodes[node.id()] = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
      });
      return { nodes: nodes, zoom: cy.zoom(), pan: cy.pan() };
    }

    /** Saves a blob under a name, or what an address answers under the name its server gives (name ''). */
    function download(what, name) {
      var link = document.createElement('a');
      link.href = typeof what === 'string' ? what : URL.createObjectURL(what);
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      if (typeof what !== 'string') {
        setTimeout(function () {
          URL.revokeObjectURL(link.href);
        }, 10000);
      }
    }

    function exportPng() {
      download(cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }), 'entente-view.png');
    }
    function exportSvg() {
      download(new Blob([cy.svg({ full: true, scale: 1, bg: '#ffffff' })], { type: 'image/svg+xml' }), 'entente-view.svg');
    }

    return {
      cy: cy,
      render: render,
      layout: function () {
        layout(true);
      },
      highlight: highlight,
      entityAt: entityAt,
      fitReadable: fitReadable,
      positionsNow: positionsNow,
      exportPng: exportPng,
      exportSvg: exportSvg,
      download: download,
      readableZoom: READABLE_ZOOM,
    };
  }

  window.Entente.picture = { create: create };
})();
