// Starts GraphiQL against this server's /graphql for an analyst's first visit: a welcome tab that
// counts what the graph holds, the example operations as tabs with their inputs filled in, a
// "Start here" pane with the root fields grouped by task, and an "Evidence" pane that shows the
// quotes of an answer as quotes. A subscription (factsChanged) runs against the change feed and shows
// each change as it arrives (ide-stream.js). A link such as /?query=...&variables=... (from /explore) opens
// that operation in the first tab.
(function () {
  'use strict';
  function embedded(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }
  var examples = embedded('entente-examples');
  var welcome = embedded('entente-welcome');
  var notes = embedded('entente-notes');
  var params = new URLSearchParams(window.location.search);
  var linkedQuery = params.get('query');
  var linkedVariables = params.get('variables') || undefined;
  var h = React.createElement;
  var GR = GraphiQL.React;

  // The root fields by the task they serve (src/studio/root-field-tasks.ts); a field the list does
  // not name goes under "More", and a deprecated field is offered nowhere and listed last in the docs.
  var TASKS = embedded('entente-tasks');
  var TASK_ORDER = TASKS.reduce(function (all, group) {
    return all.concat(group.fields);
  }, []);
  var TYPE_WORDS = [
    ['countries', 'country', 'countries'],
    ['people', 'person', 'people'],
    ['agreements', 'agreement', 'agreements'],
    ['events', 'event', 'events'],
    ['topics', 'topic', 'topics'],
    ['organizations', 'organization', 'organizations'],
    ['places', 'place', 'places'],
    ['products', 'product', 'products'],
    ['offices', 'office', 'offices'],
    ['policies', 'policy', 'policies'],
    ['sources', 'source', 'sources'],
  ];

  /** "28 topics, 7 places, …", largest first, from the Welcome operation's answer. */
  function countsInWords(data) {
    return TYPE_WORDS.filter(function (t) {
      return data[t[0]] && data[t[0]].totalCount > 0;
    })
      .sort(function (a, b) {
        return data[b[0]].totalCount - data[a[0]].totalCount;
      })
      .map(function (t) {
        var n = data[t[0]].totalCount;
        return n + ' ' + (n === 1 ? t[1] : t[2]);
      });
  }

  /** Words joined with commas into lines of at most `width` characters. */
  function wrap(first, words, width) {
    var lines = [first];
    words.forEach(function (word, i) {
      var piece = word + (i < words.length - 1 ? ',' : '.');
      var line = lines[lines.length - 1];
      if (line.length + 1 + piece.length > width) lines.push('#   ' + piece);
      else lines[lines.length - 1] = line + ' ' + piece;
    });
    return lines;
  }

  /**
   * The welcome tab: five lines (an editor does not wrap them) on what the graph holds, counted
   * per type, and where to start; then the count itself, to run.
   */
  function welcomeTab(counts) {
    var total = counts
      ? TYPE_WORDS.reduce(function (sum, t) {
          return sum + (counts[t[0]] ? counts[t[0]].totalCount : 0);
        }, 0)
      : null;
    var lines = counts
      ? ['# Entente holds ' + total + ' entities from news reporting, each link with its quote:'].concat(wrap('#  ', countsInWords(counts), 78))
      : ['# Entente: what news reporting says, each link with its quote.', '# The graph could not be counted just now; run this tab to count it.'];
    lines = lines.concat(['# ▶ runs this count. Tabs above: examples, inputs in Variables.', '# ★ Start here links them; ❝ Evidence shows an answer’s quotes.']);
    return { query: lines.join('\n') + '\n\n' + welcome.readable + '\n' };
  }

  var fetchGraph = GraphiQL.createFetcher({ url: new URL('/graphql', window.location.href).href });

  /**
   * The schema as the docs explorer shows it: the root fields by task rather than as declared,
   * and the query root and entity types first in "All Schema Types". GraphiQL draws fields and types
   * in the order the introspection answer lists them, so the answer is reordered here.
   */
  function orderForAnalysts(result) {
    var schema = result && result.data && result.data.__schema;
    if (!schema) return result;
    var rank = function (field) {
      if (field.isDeprecated) return TASK_ORDER.length + 1;
      var i = TASK_ORDER.indexOf(field.name);
      return i < 0 ? TASK_ORDER.length : i;
    };
    var queryName = schema.queryType && schema.queryType.name;
    var entityNames = {};
    schema.types.forEach(function (type) {
      if (type.kind === 'INTERFACE' && type.name === 'Entity') (type.possibleTypes || []).forEach(function (p) { entityNames[p.name] = true; });
    });
    var typeRank = function (type) {
      if (type.name === queryName) return 0;
      if (type.name === 'Node' || type.name === 'Entity') return 1;
      if (entityNames[type.name]) return 2;
      if (type.name === 'Relationship' || type.name === 'Evidence' || type.name === 'EvidenceContext') return 3;
      return 4;
    };
    var types = schema.types.map(function (type, i) {
      if (type.name === queryName && type.fields) {
        type = Object.assign({}, type, {
          fields: type.fields.slice().sort(function (a, b) {
            return rank(a) - rank(b);
          }),
        });
      }
      return { type: type, i: i };
    });
    types.sort(function (a, b) {
      return typeRank(a.type) - typeRank(b.type) || (typeRank(a.type) === 2 ? (a.type.name < b.type.name ? -1 : 1) : a.i - b.i);
    });
    return { data: { __schema: Object.assign({}, schema, { types: types.map(function (t) { return t.type; }) }) } };
  }
  /**
   * GraphiQL learns a tab's operation name a moment after the tab opens, so ▶ pressed at once can
   * send the previous tab's name. A name the document does not declare is dropped when the document
   * holds one operation, which then runs; with several, the server says which name is unknown.
   */
  function withDeclaredOperation(params) {
    if (!params.operationName || typeof params.query !== 'string') return params;
    var declared = [];
    params.query.replace(/^\s*(?:query|mutation|subscription)\b\s*([_A-Za-z][_0-9A-Za-z]*)?/gm, function (_, name) {
      declared.push(name);
      return _;
    });
    if (declared.indexOf(params.operationName) >= 0 || declared.length > 1) return params;
    return Object.assign({}, params, { operationName: declared[0] || undefined });
  }
  function fetcher(params, options) {
    params = withDeclaredOperation(params);
    // A subscription is a stream from the change feed; GraphiQL shows each result as it arrives.
    if (EntenteStream.operationKind(params.query, params.operationName) === 'subscription') return EntenteStream.subscribe(params, options && options.headers);
    var answer = fetchGraph(params, options);
    if (params.operationName === 'IntrospectionQuery' && answer && typeof answer.then === 'function') return answer.then(orderForAnalysts);
    return answer;
  }

  /** Every object in an answer that carries a quote: the evidence, in the order it appears. */
  function quotesIn(value, found) {
    if (Array.isArray(value)) value.forEach(function (v) { quotesIn(v, found); });
    else if (value && typeof value === 'object') {
      if (typeof value.quote === 'string') found.push(value);
      Object.keys(value).forEach(function (key) {
        if (key !== 'context') quotesIn(value[key], found);
      });
    }
    return found;
  }

  /** The evidence of the answer in view, kept current as answers arrive and tabs change. */
  function useAnswerEvidence() {
    var editors = GR.useEditorContext({ nonNull: true });
    var editor = editors.responseEditor;
    var state = React.useState([]);
    React.useEffect(
      function () {
        if (!editor) return undefined;
        var read = function () {
          var found = [];
          try {
            found = quotesIn(JSON.parse(editor.getValue()), []);
          } catch (error) {
            found = [];
          }
          state[1](found);
        };
        read();
        editor.on('change', read);
        return function () {
          editor.off('change', read);
        };
      },
      [editor],
    );
    return state[0];
  }

  function EvidenceItem(props) {
    var e = props.evidence;
    var method = e.method && notes.methods[e.method];
    var quote = e.context
      ? h('blockquote', { className: 'entente-quote in-context' }, e.context.before, h('mark', null, e.context.quote), e.context.after)
      : h('blockquote', { className: 'entente-quote' }, e.quote);
    var where = [e.source && e.source.title, typeof e.start === 'number' ? 'characters ' + e.start + '–' + e.end : null].filter(Boolean).join(', ');
    return h(
      'li',
      null,
      quote,
      where ? h('p', { className: 'entente-where' }, where) : null,
      method ? h('p', { className: 'entente-method' }, h('strong', null, method.label + ': '), method.note) : null,
      e.modality && e.modality !== 'STATED' && notes.modalities[e.modality] ? h('p', { className: 'entente-method' }, notes.modalities[e.modality]) : null,
      e.reason ? h('p', { className: 'entente-method' }, 'Reason: ' + e.reason) : null,
      e.reference ? h('p', { className: 'entente-method' }, 'Reference: ', h('a', { href: e.reference, target: '_blank', rel: 'noopener noreferrer' }, e.reference)) : null,
    );
  }

  function EvidencePane() {
    var found = useAnswerEvidence();
    return h(
      'div',
      { className: 'entente-pane' },
      h('div', { className: 'graphiql-doc-explorer-title' }, 'Evidence'),
      found.length === 0
        ? h('p', null, 'The quotes of an answer show here, each with how it supports its fact. Run a query that asks for evidence { quote method source { title } }, such as the WhoSigned tab.')
        : h('div', null, h('p', null, found.length + (found.length === 1 ? ' quote' : ' quotes') + ' in this answer, in order:'), h('ol', { className: 'entente-evidence' }, found.map(function (e, i) { return h(EvidenceItem, { key: i, evidence: e }); }))),
    );
  }

  function StartPane() {
    var editors = GR.useEditorContext({ nonNull: true });
    var schema = GR.useSchemaStore(function (s) {
      return s.schema;
    });
    var fields = schema && schema.getQueryType() ? schema.getQueryType().getFields() : {};
    var named = {};
    TASK_ORDER.forEach(function (name) {
      named[name] = true;
    });
    var offered = function (name) {
      return fields[name] && !fields[name].deprecationReason;
    };
    var groups = TASKS.concat([{ task: 'More', fields: Object.keys(fields).filter(function (name) { return !named[name]; }) }]).filter(function (g) {
      return g.fields.some(offered);
    });
    var openExample = function (name) {
      var index = editors.tabs.findIndex(function (tab) { return tab.title === name; });
      if (index >= 0) editors.changeTab(index);
    };
    return h(
      'div',
      { className: 'entente-pane' },
      h('div', { className: 'graphiql-doc-explorer-title' }, 'Start here'),
      h('p', null, 'Entente holds what news reporting says as a graph: every relationship comes with the words of the source that support it.'),
      graphCounts ? h('p', { className: 'entente-counts' }, 'It holds ' + countsInWords(graphCounts).join(', ') + '.') : null,
      h('p', null, 'Open an example; its inputs are under Variables:'),
      h(
        'ul',
        { className: 'entente-examples' },
        examples.map(function (e) {
          return h('li', { key: e.name }, h('button', { type: 'button', className: 'entente-link', onClick: function () { openExample(e.name); } }, e.name), ' — ', e.summary);
        }),
      ),
      h('p', null, 'The root fields by task (the Docs pane lists them in the same order):'),
      groups.map(function (group) {
        return h(
          'section',
          { key: group.task },
          h('h3', null, group.task),
          h(
            'dl',
            { className: 'entente-fields' },
            group.fields
              .filter(offered)
              .map(function (name) {
                return [h('dt', { key: name + '-name' }, name), h('dd', { key: name + '-about' }, fields[name].description || '')];
              }),
          ),
        );
      }),
      h('p', null, h('a', { href: '/explore' }, 'Explore the graph as a picture →')),
      h('p', null, h('a', { href: '/curate' }, 'Curate: add a source and its facts, with a key →')),
    );
  }

  /**
   * Opens a pane once GraphiQL has drawn itself. Its `visiblePlugin` prop marks a pane as shown
   * but leaves the pane's area folded on a first visit (the area is sized on the first render, before
   * the prop applies), so the pane's own sidebar button is pressed instead, as an analyst would.
   */
  function OpenPane(props) {
    React.useEffect(function () {
      var timer = setTimeout(function () {
        var button = document.querySelector('.graphiql-sidebar button[aria-label="Show ' + props.title + '"]');
        if (button) button.click();
      }, 0);
      return function () {
        clearTimeout(timer);
      };
    }, []);
    return null;
  }

  /** Under the answer: how many quotes it holds, and a way to read them. */
  function EvidenceFooter() {
    var found = useAnswerEvidence();
    var plugins = GR.usePluginStore();
    if (found.length === 0) return null;
    return h(
      'div',
      { className: 'entente-footer' },
      found.length + (found.length === 1 ? ' evidence quote' : ' evidence quotes') + ' in this answer. ',
      h('button', { type: 'button', className: 'entente-link', onClick: function () { plugins.setVisiblePlugin('Evidence'); } }, 'Read them as quotes'),
    );
  }

  var icon = function (text) {
    return function () {
      return h('span', { className: 'entente-icon', 'aria-hidden': 'true' }, text);
    };
  };
  var plugins = [
    { title: 'Start here', icon: icon('★'), content: StartPane },
    { title: 'Evidence', icon: icon('❝'), content: EvidencePane },
  ];

  var graphCounts = null;
  function mount(counts) {
    graphCounts = counts;
    var tabs = [welcomeTab(counts)].concat(
      examples.map(function (e) {
        return { query: e.query, variables: e.variables };
      }),
    );
    if (linkedQuery) tabs.unshift({ query: linkedQuery, variables: linkedVariables });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      h(
        GraphiQL,
        {
          fetcher: fetcher,
          defaultTabs: tabs,
          plugins: plugins,
          // When tabs were kept from an earlier visit, a linked query is added to them as a new tab.
          query: linkedQuery || undefined,
          variables: linkedVariables,
          defaultEditorToolsVisibility: 'variables',
          shouldPersistHeaders: false,
        },
        h(GraphiQL.Logo, null, h('span', null, 'Entente '), h('a', { href: '/explore', className: 'entente-explore' }, 'explore the graph →')),
        h(GraphiQL.Footer, null, h(OpenPane, { title: linkedQuery ? 'Evidence' : 'Start here' }), h(EvidenceFooter)),
      ),
    );
  }

  fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query: welcome.document, operationName: 'Welcome' }),
  })
    .then(function (response) {
      return response.json();
    })
    .then(function (result) {
      return result.data || null;
    })
    .catch(function () {
      return null;
    })
    .then(mount);
})();
