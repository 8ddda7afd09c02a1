// Starts GraphiQL against this server's /graphql, with the example operations as tabs. A link such
// as /?query=...&variables=... (from /explore) opens that operation in the first tab.
(function () {
  'use strict';
  var examples = JSON.parse(document.getElementById('entente-examples').textContent);
  var params = new URLSearchParams(window.location.search);
  var linkedQuery = params.get('query');
  var linkedVariables = params.get('variables') || undefined;

  var tabs = examples.map(function (example) {
    return { query: example.query };
  });
  if (linkedQuery) tabs.unshift({ query: linkedQuery, variables: linkedVariables });

  var fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', window.location.href).href });
  var h = React.createElement;
  var logo = h(
    GraphiQL.Logo,
    null,
    h('span', null, 'Entente '),
    h('a', { href: '/explore', style: { fontSize: '0.6em', marginLeft: '0.5em' } }, 'explore the graph →'),
  );
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    h(
      GraphiQL,
      {
        fetcher: fetcher,
        defaultTabs: tabs,
        // When tabs were kept from an earlier visit, a linked query is added to them as a new tab.
        query: linkedQuery || undefined,
        variables: linkedVariables,
        defaultEditorToolsVisibility: linkedVariables ? 'variables' : false,
        shouldPersistHeaders: false,
      },
      logo,
    ),
  );
})();
