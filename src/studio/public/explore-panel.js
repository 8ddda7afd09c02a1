// The side panel: what is selected (an entity and its relationships, or a relationship and its
// evidence, quoted within its sentence when the server holds the source's text), the paths found,
// and the relationship-type filter for what is in view.
(function () {
  'use strict';
  var Entente = window.Entente;
  var notes = Entente.notes;
  var styles = Entente.styles;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function words(type) {
    return type.toLowerCase().replace(/_/g, ' ');
  }
  function typeLabel(code) {
    return (styles[code] || { label: code }).label;
  }
  function button(text, onClick, className) {
    var b = element('button', className || 'link-button', text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }
  /** A link that opens in a new tab and tells the other page nothing of this one. */
  function outsideLink(href, text, className) {
    var link = element('a', className, text);
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    return link;
  }
  function ideLink(name, variables) {
    var link = element('a', 'ide-query', 'Open this query in the IDE');
    link.href = Entente.api.ideAddress(name, variables);
    return link;
  }
  /** "A — signed → B", or "A — counterpart of — B" for a relationship that holds both ways. */
  function statement(from, type, to, symmetric) {
    return from + ' — ' + words(type) + (symmetric ? ' — ' : ' → ') + to;
  }

  function Panel(details, status) {
    this.details = details;
    this.status = status;
  }

  Panel.prototype.say = function (text) {
    this.status.textContent = text;
  };

  /** An entity: what it is, and its relationships in words, each opening its evidence. */
  Panel.prototype.showEntity = function (entity, view, actions) {
    var d = this.details;
    d.replaceChildren();
    d.append(element('p', 'kind', typeLabel(entity.entityType)), element('h2', null, entity.name));
    if (entity.description) d.append(element('p', 'description', entity.description));
    d.append(element('p', 'id', entity.id));
    var controls = element('p', 'controls');
    if (!view.expanded) controls.append(button('Expand', actions.expand, 'action'));
    else controls.append(button('Collapse', actions.collapse, 'action'));
    controls.append(button('Hide', actions.hide, 'action'), button('Path from here', actions.pathFrom, 'action'), button('Path to here', actions.pathTo, 'action'));
    d.append(controls);
    var relations = entity.relations.edges;
    d.append(element('h3', null, relations.length + ' relationship' + (relations.length === 1 ? '' : 's') + (entity.relations.totalCount > relations.length ? ' of ' + entity.relations.totalCount : '')));
    var list = element('ul', 'relations');
    relations.forEach(function (edge) {
      var outgoing = edge.direction === 'OUTGOING';
      var text = outgoing || edge.node.isSymmetric ? statement('', edge.node.type, edge.other.name, edge.node.isSymmetric) : edge.other.name + ' — ' + words(edge.node.type) + ' → this';
      var item = element('li');
      item.append(
        button(text.replace(/^ — /, ''), function () {
          actions.openRelationship(edge.node.id);
        }),
      );
      list.append(item);
    });
    d.append(list, ideLink('ExploreEntity', { id: entity.id }));
  };

  /** One piece of evidence: the quote in its sentence, where it is in the source, and how it supports the fact. */
  function evidenceItem(evidence) {
    var item = element('li', 'evidence-item');
    var quote = element('blockquote', 'quote');
    if (evidence.context) {
      quote.classList.add('in-context');
      quote.append(document.createTextNode(evidence.context.before), element('mark', null, evidence.context.quote), document.createTextNode(evidence.context.after));
    } else {
      quote.textContent = evidence.quote;
    }
    item.append(quote);
    var source = evidence.source;
    var citation = element('p', 'citation');
    citation.append(source.url ? outsideLink(source.url, source.title, 'source-title') : element('cite', 'source-title', source.title));
    citation.append(document.createTextNode((source.publishedOn ? ', ' + source.publishedOn.iso : '') + ', characters ' + evidence.start + '–' + evidence.end));
    item.append(citation);
    if (!evidence.context) {
      item.append(
        element(
          'p',
          'no-context',
          'The sentence around this quote cannot be shown: this server does not hold the text of the source (an operator can give it with SOURCE_TEXTS_DIR). Anyone with the text can find the quote at these characters; its SHA-256 is ' + source.sha256.slice(0, 16) + '….',
        ),
      );
    }
    var method = notes.methods[evidence.method] || { label: words(evidence.method), note: '' };
    var how = element('p', 'method');
    how.append(element('strong', null, method.label + ': '), document.createTextNode(method.note));
    item.append(how);
    if (evidence.modality && evidence.modality !== 'STATED') {
      item.append(element('p', 'modality', (notes.modalities[evidence.modality] || words(evidence.modality)) + (evidence.speaker ? ' Speaker: ' + evidence.speaker.name + '.' : '')));
    }
    if (evidence.reason) item.append(element('p', 'reason', 'Reason: ' + evidence.reason));
    if (evidence.reference) {
      var reference = element('p', 'reference');
      reference.append(document.createTextNode('Reference (opens in a new tab): '), outsideLink(evidence.reference, evidence.reference));
      item.append(reference);
    }
    return item;
  }

  /** A relationship: its statement, properties and every piece of its evidence. */
  Panel.prototype.showRelationship = function (relationship) {
    var d = this.details;
    d.replaceChildren();
    d.append(element('p', 'kind', 'Relationship'), element('h2', null, statement(relationship.from.name, relationship.type, relationship.to.name, relationship.isSymmetric)));
    var properties = element('dl', 'properties');
    [
      ['on behalf of', relationship.onBehalfOf && relationship.onBehalfOf.name],
      ['capacity', relationship.capacity],
      ['role', relationship.role],
      ['note', relationship.note],
    ].forEach(function (pair) {
      if (pair[1]) properties.append(element('dt', null, pair[0]), element('dd', null, pair[1]));
    });
    if (properties.childElementCount) d.append(properties);
    var list = element('ol', 'evidence');
    relationship.evidence.forEach(function (evidence) {
      list.append(evidenceItem(evidence));
    });
    d.append(element('h3', null, 'Evidence'), list, ideLink('ExploreRelationship', { id: relationship.id }));
  };

  /** Several entities match what was typed: one button each. */
  Panel.prototype.showCandidates = function (text, found, onPick) {
    var d = this.details;
    d.replaceChildren(element('p', 'kind', 'Several entities match “' + text + '”'));
    var list = element('ul', 'candidates');
    found.forEach(function (entity) {
      var item = element('li');
      item.append(
        button(entity.name + ' (' + typeLabel(entity.entityType) + ')', function () {
          onPick(entity);
        }, 'candidate'),
      );
      list.append(item);
    });
    d.append(list);
  };

  /** The paths found: each hop as a statement with its first quote and a button for all its evidence. */
  function showPaths(container, paths, onOpen) {
    container.replaceChildren();
    if (paths.length === 0) {
      container.append(element('p', 'none', 'These two are not linked within 4 relationships.'));
      return;
    }
    paths.forEach(function (path, index) {
      var section = element('section', 'path');
      section.append(element('h4', null, 'Path ' + (index + 1) + ': ' + path.length + ' relationship' + (path.length === 1 ? '' : 's')));
      var hops = element('ol', 'hops');
      path.hops.forEach(function (hop) {
        var item = element('li', 'hop');
        var forwards = hop.direction === 'OUTGOING';
        var from = forwards ? hop.from.name : hop.to.name;
        var to = forwards ? hop.to.name : hop.from.name;
        item.append(element('p', 'hop-statement', statement(from, hop.relationship.type, to, hop.relationship.isSymmetric)));
        if (hop.evidence[0]) item.append(element('blockquote', 'quote short', hop.evidence[0].quote));
        item.append(
          button('Read the evidence', function () {
            onOpen(hop.relationship.id);
          }, 'action open-evidence'),
        );
        hops.append(item);
      });
      section.append(hops);
      container.append(section);
    });
  }

  /** Check boxes for the relationship types in view; unchecking one hides its lines. */
  function showRelationshipFilters(fieldset, types, off, onChange) {
    var legend = fieldset.querySelector('legend');
    fieldset.replaceChildren(legend);
    types.forEach(function (type) {
      var label = element('label', 'choice');
      var box = element('input');
      box.type = 'checkbox';
      box.name = 'relationship-type';
      box.value = type;
      box.checked = off.indexOf(type) < 0;
      box.addEventListener('change', function () {
        onChange(type, box.checked);
      });
      label.append(box, document.createTextNode(words(type)));
      fieldset.append(label);
    });
  }

  Entente.panel = { Panel: Panel, showPaths: showPaths, showRelationshipFilters: showRelationshipFilters, words: words };
})();
