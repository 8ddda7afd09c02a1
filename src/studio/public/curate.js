// The curation page: a curator pastes a source text (a new source, or the text of one the graph
// holds), asks the server which entities it names (Query.mentionsIn), selects a passage and adds a
// fact with that passage as its evidence (Mutation.addSource when the text is new, then addFacts).
// Every request is a persisted operation embedded in the page, sent with the curator's key; the key
// is kept in this tab's sessionStorage at most, never in the address and never logged.
(function () {
  'use strict';
  function embedded(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }
  var operations = embedded('entente-operations');
  var vocabulary = embedded('entente-vocabulary');
  var KEY_STORE = 'entente-curator-key';
  var $ = function (id) {
    return document.getElementById(id);
  };

  var state = {
    /** The mentions the server found in the text as it was when asked; null before, or after the text changed. */
    mentions: null,
    /** The last passage selected in the text: offsets in UTF-16 code units, as evidence counts them. */
    selection: null,
    datePassage: null,
    /** The entities chosen as the fact's ends, by id: their names and kinds, to offer fitting relationship types. */
    chosen: {},
    /** The source added from this page, with the text it was added with. */
    added: null,
    storedSources: [],
  };

  // ---- the key ----
  var keyInput = $('key');
  try {
    keyInput.value = sessionStorage.getItem(KEY_STORE) || '';
  } catch (error) {
    keyInput.value = '';
  }
  keyInput.addEventListener('input', function () {
    try {
      if (keyInput.value) sessionStorage.setItem(KEY_STORE, keyInput.value);
      else sessionStorage.removeItem(KEY_STORE);
    } catch (error) {
      // Storage refused (a private window, say): the key stays in the field for this page only.
    }
  });
  $('forget-key').addEventListener('click', function () {
    keyInput.value = '';
    try {
      sessionStorage.removeItem(KEY_STORE);
    } catch (error) {
      // Nothing was kept.
    }
  });

  /** Runs a persisted operation by name with the key, if any; resolves to { status, data, errors }. */
  function run(name, variables) {
    var headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    if (keyInput.value) headers.authorization = 'Bearer ' + keyInput.value.trim();
    return fetch('/graphql', {
      method: 'POST',
      headers: headers,
      body: JSON.stringify({ query: operations[name].document, operationName: name, variables: variables || {} }),
    })
      .then(function (response) {
        return response.json().then(function (body) {
          return { status: response.status, data: body.data, errors: body.errors };
        });
      })
      .catch(function (error) {
        return { status: 0, errors: [{ message: 'The server could not be reached: ' + error.message, extensions: { code: 'NETWORK' } }] };
      });
  }

  /** An error as the page shows it: its code, then its message. */
  function errorLine(error) {
    var code = error.extensions && error.extensions.code;
    return (code ? code + ': ' : '') + error.message;
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attributes[name];
      else if (name === 'onclick') node.addEventListener('click', attributes[name]);
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function say(id, text, kind) {
    var node = $(id);
    node.textContent = text;
    node.className = kind || '';
  }

  // ---- user errors next to what they name ----

  /** Takes away the errors shown in a part of the page. */
  function clearUserErrors(scope) {
    Array.prototype.forEach.call(scope.querySelectorAll('.user-error'), function (node) {
      node.remove();
    });
    Array.prototype.forEach.call(scope.querySelectorAll('[aria-invalid]'), function (node) {
      node.removeAttribute('aria-invalid');
    });
  }

  /**
   * Shows each user error beside the field it names: the field whose data-path is the longest
   * prefix of the error's path (["input", "relationships", "0", "from"] → the From field), or the
   * part of the page itself when none is.
   */
  function showUserErrors(scope, errors) {
    var fields = Array.prototype.slice.call(scope.querySelectorAll('[data-path]'));
    errors.forEach(function (error) {
      var path = error.path.join('.');
      var best = null;
      fields.forEach(function (field) {
        var prefix = field.getAttribute('data-path');
        if ((path === prefix || path.indexOf(prefix + '.') === 0) && (!best || prefix.length > best.getAttribute('data-path').length)) best = field;
      });
      var note = element('p', { class: 'user-error', role: 'alert', 'data-error-path': path, text: error.code + ': ' + error.message });
      var anchor = best || scope;
      if (best) best.setAttribute('aria-invalid', 'true');
      var holder = anchor.closest('label') || anchor;
      if (holder === scope) scope.appendChild(note);
      else holder.insertAdjacentElement('afterend', note);
    });
  }

  // ---- the source ----
  var text = $('text');

  function sourceKind() {
    return document.querySelector('input[name="source-kind"]:checked').value;
  }

  function showSourceKind() {
    var stored = sourceKind() === 'stored';
    $('new-source').hidden = stored;
    $('stored-source').hidden = !stored;
    if (stored && state.storedSources.length === 0) loadStoredSources();
    checkStoredText();
  }
  Array.prototype.forEach.call(document.querySelectorAll('input[name="source-kind"]'), function (radio) {
    radio.addEventListener('change', showSourceKind);
  });

  function loadStoredSources() {
    run('CurateSources').then(function (result) {
      if (result.errors) {
        say('stored-check', errorLine(result.errors[0]), 'problem');
        return;
      }
      state.storedSources = result.data.sources.nodes;
      var select = $('stored-choice');
      select.textContent = '';
      state.storedSources.forEach(function (source) {
        select.appendChild(element('option', { value: source.id, text: source.title + ' (' + source.id + ')' }));
      });
      checkStoredText();
    });
  }
  $('stored-choice').addEventListener('change', checkStoredText);

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (byte) {
      return ('0' + byte.toString(16)).slice(-2);
    }).join('');
  }

  /**
   * Whether the pasted text is the chosen source's: the same length and, where the browser can
   * hash (a secure context such as localhost), the same SHA-256. Offsets count in the stored text,
   * so evidence from another text would be refused by the server anyway; this says so earlier.
   */
  function checkStoredText() {
    if (sourceKind() !== 'stored') return;
    var source = state.storedSources.filter(function (s) {
      return s.id === $('stored-choice').value;
    })[0];
    if (!source) return;
    var value = text.value;
    if (value === '') {
      say('stored-check', 'Paste the text of ' + source.title + ' (' + source.length + ' characters) below.', '');
      return;
    }
    if (value.length !== source.length) {
      say('stored-check', 'This is not the text of ' + source.id + ': it has ' + value.length + ' characters, the source ' + source.length + '.', 'problem');
      return;
    }
    if (!window.crypto || !window.crypto.subtle) {
      say('stored-check', 'The length matches ' + source.id + ' (the browser cannot check its SHA-256 here).', '');
      return;
    }
    window.crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)).then(function (digest) {
      if (text.value !== value) return;
      if (hex(digest) === source.sha256) say('stored-check', 'The text is that of ' + source.id + ': same length and SHA-256.', 'ok');
      else say('stored-check', 'This is not the text of ' + source.id + ': the length matches, the SHA-256 does not.', 'problem');
    });
  }

  /** The source the fact's evidence cites: the one added from here, the one to add, or the one chosen. */
  function citedSource() {
    if (sourceKind() === 'stored') return $('stored-choice').value;
    return 'Source:' + $('source-slug').value.trim();
  }

  text.addEventListener('input', function () {
    $('text-length').textContent = text.value ? '(' + text.value.length + ' characters)' : '';
    state.mentions = null;
    state.selection = null;
    showSelection();
    showMentions();
    say('names-status', text.value ? 'The text changed: find the names again.' : '', '');
    checkStoredText();
  });

  // ---- the selection ----
  function readSelection() {
    var start = text.selectionStart;
    var end = text.selectionEnd;
    if (typeof start !== 'number' || start === end) return;
    state.selection = { start: start, end: end, quote: text.value.slice(start, end) };
    showSelection();
  }
  ['select', 'mouseup', 'keyup'].forEach(function (event) {
    text.addEventListener(event, readSelection);
  });

  function showSelection() {
    var node = $('selection');
    node.textContent = '';
    if (!state.selection) {
      node.textContent = 'Select a passage of the text.';
      $('fact-evidence').textContent = 'the selected passage';
      showProposals();
      return;
    }
    var s = state.selection;
    node.appendChild(element('q', { text: s.quote }));
    node.appendChild(document.createTextNode(' characters ' + s.start + '–' + s.end));
    $('fact-evidence').textContent = '“' + s.quote + '” (' + s.start + '–' + s.end + ' of ' + citedSource() + ')';
    showProposals();
  }

  $('use-date-passage').addEventListener('click', function () {
    if (!state.selection) {
      $('date-passage').textContent = 'Select the date in the text first.';
      return;
    }
    state.datePassage = state.selection;
    $('date-passage').textContent = '“' + state.datePassage.quote + '” (' + state.datePassage.start + '–' + state.datePassage.end + ')';
  });

  // ---- names ----
  $('find-names').addEventListener('click', function () {
    var asked = text.value;
    if (asked.trim() === '') {
      say('names-status', 'Paste a text first.', 'problem');
      return;
    }
    say('names-status', 'Looking…', '');
    run('CurateMentions', { text: asked }).then(function (result) {
      if (text.value !== asked) return;
      if (result.errors) {
        say('names-status', errorLine(result.errors[0]), 'problem');
        return;
      }
      state.mentions = result.data.mentionsIn.nodes;
      var total = result.data.mentionsIn.totalCount;
      say('names-status', total + (total === 1 ? ' name' : ' names') + ' of entities the graph holds' + (total > state.mentions.length ? ' (the first ' + state.mentions.length + ' listed)' : '') + '.', 'ok');
      showMentions();
      showProposals();
    });
  });

  function mentionItem(mention) {
    var entity = mention.entity;
    var how = mention.nameKind === 'NAME' ? '' : ' (' + mention.nameKind.toLowerCase() + ' “' + mention.matchedName + '”)';
    return element('li', { 'data-entity': entity.id, 'data-start': String(mention.start) }, [
      element('strong', { text: entity.name }),
      ' ',
      element('span', { class: 'kind', text: entity.entityType.toLowerCase() }),
      ' “' + mention.quote + '” ' + mention.start + '–' + mention.end + how + ' ',
      element('button', { type: 'button', class: 'choose-from', text: 'From', onclick: function () { choose('from', entity); } }),
      ' ',
      element('button', { type: 'button', class: 'choose-to', text: 'To', onclick: function () { choose('to', entity); } }),
      ' ',
      element('button', { type: 'button', class: 'select-mention', text: 'Select', title: 'Select this passage in the text', onclick: function () { selectPassage(mention.start, mention.end); } }),
    ]);
  }

  function showMentions() {
    var list = $('all-mentions');
    list.textContent = '';
    $('mention-count').textContent = state.mentions ? '(' + state.mentions.length + ')' : '';
    (state.mentions || []).forEach(function (mention) {
      list.appendChild(mentionItem(mention));
    });
  }

  /** The names in the selected passage: every mention that overlaps it. */
  function showProposals() {
    var list = $('proposals');
    list.textContent = '';
    if (!state.mentions || !state.selection) {
      list.appendChild(element('li', { class: 'empty', text: state.mentions ? 'Select a passage of the text.' : 'Find the names, then select a passage.' }));
      return;
    }
    var s = state.selection;
    var inside = state.mentions.filter(function (m) {
      return m.start < s.end && s.start < m.end;
    });
    if (inside.length === 0) list.appendChild(element('li', { class: 'empty', text: 'No name the graph knows is in this passage; type an id under From or To.' }));
    inside.forEach(function (mention) {
      list.appendChild(mentionItem(mention));
    });
  }

  function selectPassage(start, end) {
    text.focus();
    text.setSelectionRange(start, end);
    readSelection();
  }

  // ---- the fact ----
  function choose(end, entity) {
    state.chosen[entity.id] = entity;
    $(end === 'from' ? 'fact-from' : 'fact-to').value = entity.id;
    offerTypes();
  }

  /** The entity type code of an id (`Person:…` → PERSON), from a chosen name or the id itself. */
  function kindOf(id) {
    if (state.chosen[id]) return state.chosen[id].entityType;
    var type = id.split(':')[0];
    return type ? type.toUpperCase() : null;
  }

  /** The relationship types that may link the two ends chosen, or every type while an end is missing. */
  function offerTypes() {
    var select = $('fact-type');
    var before = select.value;
    var from = kindOf($('fact-from').value.trim());
    var to = kindOf($('fact-to').value.trim());
    var types = Object.keys(vocabulary.relationships).filter(function (type) {
      var rule = vocabulary.relationships[type];
      return (!from || rule.from.indexOf(from) >= 0) && (!to || rule.to.indexOf(to) >= 0);
    });
    if (types.length === 0) types = Object.keys(vocabulary.relationships);
    select.textContent = '';
    types.forEach(function (type) {
      select.appendChild(element('option', { value: type, text: type }));
    });
    if (types.indexOf(before) >= 0) select.value = before;
  }
  ['fact-from', 'fact-to'].forEach(function (id) {
    $(id).addEventListener('change', offerTypes);
  });
  offerTypes();

  function evidenceOf(passage, source) {
    return { source: source, quote: passage.quote, start: passage.start, end: passage.end };
  }

  /** Adds the new source first when its text is not yet added; resolves to whether facts may cite it. */
  function ensureSource() {
    if (sourceKind() === 'stored') return Promise.resolve(true);
    var id = citedSource();
    if (state.added && state.added.id === id && state.added.text === text.value) return Promise.resolve(true);
    var scope = $('source');
    clearUserErrors(scope);
    var input = {
      slug: $('source-slug').value.trim(),
      text: text.value,
      title: $('source-title-input').value.trim(),
      language: $('source-language').value,
      publishedOn: { value: $('source-date').value.trim(), evidence: state.datePassage ? [evidenceOf(state.datePassage, id)] : [] },
      reason: $('fact-reason').value.trim() || null,
    };
    say('source-status', 'Adding the source…', '');
    return run('CurateAddSource', { input: input }).then(function (result) {
      if (result.errors) {
        say('source-status', errorLine(result.errors[0]), 'problem');
        say('result', 'Nothing was added: ' + errorLine(result.errors[0]), 'problem');
        return false;
      }
      var payload = result.data.addSource;
      if (payload.userErrors.length > 0) {
        showUserErrors(scope, payload.userErrors);
        say('source-status', 'The source was not added; see what is wrong above.', 'problem');
        say('result', 'Nothing was added: the source has problems.', 'problem');
        return false;
      }
      state.added = { id: payload.source.id, text: input.text };
      // Offsets now count in the stored text: it must not change under the facts that cite it.
      text.readOnly = true;
      say('source-status', 'Added ' + payload.source.id + ' as change ' + payload.change.sequence + '; its text is now fixed.', 'ok');
      return true;
    });
  }

  $('add-fact').addEventListener('click', function () {
    var scope = $('fact-form');
    clearUserErrors(scope);
    say('result', '', '');
    if (!state.selection) {
      say('result', 'Select the passage that supports the fact first.', 'problem');
      return;
    }
    var passage = state.selection;
    ensureSource().then(function (ready) {
      if (!ready) return;
      var evidence = evidenceOf(passage, citedSource());
      evidence.method = $('fact-method').value;
      var reasoning = $('fact-evidence-reason').value.trim();
      if (reasoning) evidence.reason = reasoning;
      var input = {
        relationships: [{ type: $('fact-type').value, from: $('fact-from').value.trim(), to: $('fact-to').value.trim(), evidence: [evidence] }],
        reason: $('fact-reason').value.trim() || null,
      };
      say('result', 'Adding the fact…', '');
      run('CurateAddFacts', { input: input }).then(function (result) {
        if (result.errors) {
          say('result', 'Nothing was added: ' + errorLine(result.errors[0]), 'problem');
          return;
        }
        var payload = result.data.addFacts;
        if (payload.userErrors.length > 0) {
          showUserErrors(scope, payload.userErrors);
          say('result', 'Nothing was added; see what is wrong above.', 'problem');
          return;
        }
        showAdded(payload);
      });
    });
  });

  function showAdded(payload) {
    var node = $('result');
    node.textContent = '';
    node.className = 'ok';
    var relationship = payload.relationships[0];
    node.appendChild(element('p', { class: 'change', text: 'Added as change ' + payload.change.sequence + ' of the journal:' }));
    node.appendChild(
      element('p', { class: 'added' }, [
        element('strong', { text: relationship.from.name }),
        ' ' + relationship.type + ' ',
        element('strong', { text: relationship.to.name }),
        ', from “' + relationship.evidence[relationship.evidence.length - 1].quote + '”',
      ]),
    );
    var address = '/explore?open=' + encodeURIComponent(relationship.from.id) + '&sel=' + encodeURIComponent(relationship.id);
    node.appendChild(element('p', null, [element('a', { href: address, id: 'see-in-graph', text: 'See it in the graph →' })]));
  }

  window.entente = { ready: true };
})();
