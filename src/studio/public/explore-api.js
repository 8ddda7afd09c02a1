// The graph picture's link to the server: every request goes to this server's /graphql with the
// persisted operations embedded in the page, so a server that only trusts its manifest serves it.
(function () {
  'use strict';
  function embedded(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }
  var operations = embedded('entente-operations');

  /** Runs a persisted operation by name; resolves to { data, errors }, an HTTP failure included. */
  function run(name, variables) {
    return fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: operations[name].document, operationName: name, variables: variables || {} }),
    })
      .then(function (response) {
        return response.json();
      })
      .catch(function (error) {
        return { errors: [{ message: 'The server could not be reached: ' + error.message }] };
      });
  }

  /** The address that opens the same operation, with the same variables, in the IDE. */
  function ideAddress(name, variables) {
    return '/?query=' + encodeURIComponent(operations[name].readable) + '&variables=' + encodeURIComponent(JSON.stringify(variables, null, 2));
  }

  /** The first error's message, or the given text when there is none. */
  function problem(result, otherwise) {
    return result.errors && result.errors.length ? result.errors[0].message : otherwise;
  }

  window.Entente = {
    api: { run: run, ideAddress: ideAddress, problem: problem },
    styles: embedded('entente-styles'),
    notes: embedded('entente-notes'),
  };
})();
