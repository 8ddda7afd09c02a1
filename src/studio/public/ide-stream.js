// Subscriptions for the IDE: runs a subscription against this server's change feed
// (/graphql/stream, server-sent events in the "distinct connections" format of the GraphQL over
// SSE protocol) and hands GraphiQL an async iterable of its results, which GraphiQL shows as each
// arrives. Stopping the run in GraphiQL (its `return()`) closes the stream.
(function () {
  'use strict';

  /**
   * The kind of the operation a request runs: the one named, or the only one; a document that
   * starts with `{` is a query. Comments and strings aside, operations start a line with their kind.
   */
  function operationKind(query, operationName) {
    var found = [];
    String(query || '')
      .replace(/#[^\n]*/g, '')
      .replace(/^\s*(query|mutation|subscription)\b\s*([_A-Za-z][_0-9A-Za-z]*)?/gm, function (_, kind, name) {
        found.push({ kind: kind, name: name });
        return _;
      });
    var named = operationName
      ? found.filter(function (operation) {
          return operation.name === operationName;
        })[0]
      : found.length === 1
        ? found[0]
        : null;
    return named ? named.kind : 'query';
  }

  /** Reads server-sent events from a byte stream and calls `onEvent` with each one's event name, id and data. */
  function readEvents(reader, onEvent) {
    var decoder = new TextDecoder();
    var buffer = '';
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        var blocks = buffer.split(/\r?\n\r?\n/);
        buffer = blocks.pop();
        blocks.forEach(function (block) {
          var event = { event: 'message', id: null, data: [] };
          block.split(/\r?\n/).forEach(function (line) {
            if (line === '' || line[0] === ':') return;
            var colon = line.indexOf(':');
            var field = colon < 0 ? line : line.slice(0, colon);
            var value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'data') event.data.push(value);
            else if (field === 'event') event.event = value;
            else if (field === 'id') event.id = value;
          });
          if (event.data.length > 0 || event.event !== 'message') onEvent(event.event, event.id, event.data.join('\n'));
        });
        return pump();
      });
    }
    return pump();
  }

  /**
   * Runs a subscription as a POST to /graphql/stream and returns an async iterable of its results.
   * A refusal before any event (a JSON answer, such as a validation error or FORBIDDEN) is the one
   * result; a failure to reach the server is a result with that error.
   */
  function subscribe(params, headers) {
    var results = [];
    var waiting = [];
    var finished = false;
    var controller = new AbortController();
    function push(result) {
      if (finished) return;
      if (waiting.length > 0) waiting.shift()({ value: result, done: false });
      else results.push(result);
    }
    function finish() {
      if (finished) return;
      finished = true;
      while (waiting.length > 0) waiting.shift()({ value: undefined, done: true });
    }
    var sent = Object.assign({ 'content-type': 'application/json', accept: 'text/event-stream' }, headers || {});
    fetch(new URL('/graphql/stream', window.location.href).href, {
      method: 'POST',
      headers: sent,
      body: JSON.stringify({ query: params.query, variables: params.variables, operationName: params.operationName }),
      signal: controller.signal,
    })
      .then(function (response) {
        if (!/^text\/event-stream/.test(response.headers.get('content-type') || '')) {
          return response.json().then(push, function () {
            push({ errors: [{ message: 'The change feed answered ' + response.status + ' without a GraphQL result.' }] });
          });
        }
        return readEvents(response.body.getReader(), function (event, _id, data) {
          if (event === 'next') push(JSON.parse(data));
          else if (event === 'complete') finish();
        });
      })
      .catch(function (error) {
        if (error && error.name === 'AbortError') return;
        push({ errors: [{ message: 'The change feed could not be reached: ' + error.message }] });
      })
      .then(finish);
    var iterator = {
      next: function () {
        if (results.length > 0) return Promise.resolve({ value: results.shift(), done: false });
        if (finished) return Promise.resolve({ value: undefined, done: true });
        return new Promise(function (resolve) {
          waiting.push(resolve);
        });
      },
      return: function () {
        controller.abort();
        finish();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
    iterator[Symbol.asyncIterator] = function () {
      return iterator;
    };
    return iterator;
  }

  window.EntenteStream = { operationKind: operationKind, subscribe: subscribe };
})();
