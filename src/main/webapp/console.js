// The kafka-sse console: a client of the public API, like any other. It lists the streams (v2/streams), opens them
// with the browser's own EventSource, and renders what arrives once per animation frame into a bounded table.
// No build step, no libraries, nothing fetched from elsewhere.
'use strict';

(() => {
  const $ = id => document.getElementById(id);
  // The service the page talks to: where it was served from, or ?service=<url> for a service of another origin
  // (which must list this page's origin in sse.cors.allowed-origins).
  const service = new URL(new URLSearchParams(location.search).get('service') || '.', location.href);
  if (!service.pathname.endsWith('/')) service.pathname += '/';
  const api = path => new URL(path, service).toString();
  const sameOrigin = service.origin === location.origin;

  // ---------- the token ----------
  // Held in this page only (never stored), and sent only to the service: fetch() sends it in Authorization; an
  // EventSource cannot, so the stream gets it as the service reads it besides (its /v2/streams answer says where):
  // a cookie for this page's origin, or the access_token parameter when the operator turned that on.
  const token = () => $('token').value.trim();
  const authorized = (headers = {}) => token() ? { ...headers, Authorization: `Bearer ${token()}` } : headers;
  const statusMeaning = {
    401: 'needs a bearer token, or the token given was refused (expired, or not from the issuer the service trusts); enter a valid token',
    403: 'your token has no role that may read it, or it does not exist',
    404: 'there is no such stream',
  };

  function tokenCookie(value) {
    const name = state.auth && state.auth.cookie;
    if (!name || !sameOrigin) return false;
    const secure = location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = value
      ? `${name}=${value}; Path=${service.pathname}; SameSite=Strict${secure}`
      : `${name}=; Path=${service.pathname}; Max-Age=0; SameSite=Strict${secure}`;
    return true;
  }

  // The stream's address as the EventSource opens it: the request, plus the token where the service reads it.
  function connectUrl(url) {
    if (!token()) {
      tokenCookie(null);
      return url;
    }
    if (tokenCookie(token())) return url;
    if (state.auth && state.auth.queryParameter) {
      const withToken = new URL(url);
      withToken.searchParams.set('access_token', token());
      return withToken.toString();
    }
    showBanner('This service reads tokens only from the Authorization header, which a browser\'s EventSource cannot ' +
      'send: the stream is opened without it. The operator can set sse.auth.cookie (a cookie this page sets) or ' +
      'sse.auth.query-parameter.');
    return url;
  }

  const state = {
    source: null,
    url: null,
    rows: [],            // kept entries, oldest first: { record, text, tr }
    pending: [],         // arrived, not rendered yet (all of them while paused, up to the cap)
    paused: false,
    held: 0,             // arrived while paused
    received: 0,
    reconnects: 0,
    everOpened: false,
    lastProblem: null,
    auth: null,          // from v2/streams: whether tokens are read, and from where besides Authorization
    lastEnd: null,
    currentId: null,
    frame: 0,
    selected: null,
    search: '',
    perSecond: [],       // arrivals in the current second
  };

  // ---------- streams ----------

  let streamsAsked = 0;

  // Loads the list again (at start, and for each new token). Only the answer to the latest request is shown, and the
  // boxes the user ticked meanwhile stay ticked: a slow earlier answer must neither replace a newer list nor undo a
  // choice (a token's change can fire twice, and the second list came after the user had ticked a stream).
  async function loadStreams() {
    const list = $('stream-list');
    const asked = ++streamsAsked;
    try {
      const answer = await fetch(api('v2/streams'), { headers: authorized({ Accept: 'application/json' }) });
      if (!answer.ok) throw new Error(`${answer.status} ${await problemText(answer)}`);
      const body = await answer.json();
      if (asked !== streamsAsked) return;
      const ticked = new Set([...list.querySelectorAll('input[name=stream]:checked')].map(b => b.value));
      state.auth = body.auth || null;
      const auth = state.auth || {};
      $('token-note').textContent = !auth.tokens ? 'this service reads no tokens'
        : auth.caller ? `signed in as ${auth.caller}`
        : token() ? 'the token was refused: only public streams are listed'
        : auth.required ? 'every stream needs a token' : 'public streams only, without a token';
      list.textContent = '';
      const names = [...body.streams.map(s => ({ name: s.name, title: s.topics.join(', ') })),
                     ...body.topics.map(t => ({ name: t, title: 'topic' }))];
      if (names.length === 0) list.innerHTML = '<span class="muted">no streams or topics to read</span>';
      for (const { name, title } of names) {
        const label = document.createElement('label');
        label.title = title;
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.name = 'stream';
        box.value = name;
        box.checked = ticked.has(name);
        label.append(box, ' ', name);
        list.append(label);
      }
      hideBanner();
    } catch (e) {
      if (asked !== streamsAsked) return;
      list.innerHTML = '<span class="muted">unavailable</span>';
      showBanner(`Cannot reach the service at ${service}: ${e.message}. Check the address; a page of another origin ` +
        'needs its origin in the service\'s sse.cors.allowed-origins.');
    }
  }

  async function problemText(answer) {
    try {
      const problem = await answer.json();
      return problem.detail || problem.title || '';
    } catch (e) {
      return answer.statusText;
    }
  }

  // ---------- the request ----------

  function requestUrl() {
    const form = $('open-form');
    const streams = [...form.querySelectorAll('input[name=stream]:checked')].map(b => b.value);
    if (streams.length === 0) throw new Error('Pick at least one stream.');
    const url = new URL(api('v2/stream/' + streams.map(encodeURIComponent).join(',')));
    const start = form.querySelector('input[name=start]:checked').value;
    if (start === 'since') {
      const since = $('since').value.trim();
      if (!since) throw new Error('Give a time to start from.');
      url.searchParams.set('since', since);
    } else if (start === 'id') {
      const id = $('start-id').value.trim();
      if (!id) throw new Error('Paste an id to start from.');
      url.searchParams.set('last_event_id', id);
    }
    const key = $('key').value.trim();
    if (key) url.searchParams.append('key', key);
    for (const row of $('matches').querySelectorAll('.match')) {
      const field = row.querySelector('.field').value.trim();
      const value = row.querySelector('.value').value;
      if (field) url.searchParams.append('match.' + field, value);
    }
    return url.toString();
  }

  function addMatch(field = '', value = '') {
    const row = document.createElement('span');
    row.className = 'match';
    row.innerHTML = '<label>match.<input type="text" class="field" size="10" placeholder="field.path"></label>' +
      '<label>= <input type="text" class="value" size="10" placeholder="value"></label>' +
      '<button type="button" class="remove" aria-label="Remove this filter">×</button>';
    row.querySelector('.field').value = field;
    row.querySelector('.value').value = value;
    row.querySelector('.remove').addEventListener('click', () => row.remove());
    $('matches').append(row);
    row.querySelector('.field').focus();
  }

  // ---------- the stream ----------

  function open(event) {
    event.preventDefault();
    let url;
    try {
      url = requestUrl();
    } catch (e) {
      showBanner(e.message);
      return;
    }
    hideBanner();
    close();
    state.url = url;
    state.reconnects = 0;
    state.everOpened = false;
    state.lastProblem = null;
    state.lastEnd = null;
    setState('connecting');
    const source = new EventSource(connectUrl(url), { withCredentials: !sameOrigin && Boolean(state.auth && state.auth.cookie) });
    state.source = source;
    source.onopen = () => {
      if (state.everOpened) state.reconnects++;
      state.everOpened = true;
      setState('open');
    };
    source.onmessage = arrived;
    // A record too large for the service: a row of its own that says so, with the id past it.
    source.addEventListener('skipped', e => {
      let notice;
      try { notice = JSON.parse(e.data); } catch (ignored) { notice = {}; }
      arrived({ data: JSON.stringify({ skipped: notice.reason || 'skipped', size: notice.size, limit: notice.limit,
        _kafka: { topic: notice.topic, partition: notice.partition, offset: notice.offset, timestamp: notice.timestamp, key: null } }),
        lastEventId: e.lastEventId });
    });
    // Both the service's error events (with a problem as data) and the browser's own (connection lost or refused).
    source.addEventListener('error', e => {
      if (e.data) {
        try { state.lastProblem = JSON.parse(e.data); } catch (ignored) { state.lastProblem = { detail: e.data }; }
        if (e.lastEventId) setCurrentId(e.lastEventId);
      }
      if (source.readyState === EventSource.CLOSED) {
        setState('failed', closedReason());
        explainRefusal(source);
      } else if (source.readyState === EventSource.CONNECTING) {
        setState('reconnecting', state.lastEnd ? `after ${state.lastEnd.reason}` :
          state.lastProblem ? state.lastProblem.title : '');
      }
    });
    source.addEventListener('end', e => {
      try { state.lastEnd = JSON.parse(e.data); } catch (ignored) { state.lastEnd = { reason: 'end' }; }
      if (e.lastEventId) setCurrentId(e.lastEventId);
    });
    $('open').textContent = 'Reopen';
    $('close').disabled = false;
  }

  // An EventSource says nothing of why it was refused: ask again with HEAD, which answers with the GET's status.
  async function explainRefusal(source) {
    const expired = state.lastProblem && /token-expired$/.test(state.lastProblem.type || '');
    if (expired && state.currentId) {
      // Reopen resumes where the stream ended, once a fresh token is in.
      document.querySelector('input[name=start][value=id]').checked = true;
      $('start-id').value = state.currentId;
    }
    if (state.everOpened && !expired) return;
    try {
      const answer = await fetch(source.url, { method: 'HEAD', headers: authorized({ Accept: 'text/event-stream' }) });
      if (state.source === source && !answer.ok) {
        const meaning = statusMeaning[answer.status] || 'the service refused it';
        setState('failed', `${answer.status}: the stream ${meaning}`);
      }
    } catch (ignored) {
      // unreachable: the reason already shown stands
    }
  }

  function closedReason() {
    if (state.lastProblem) return `${state.lastProblem.title || 'error'}: ${state.lastProblem.detail || ''}`;
    return state.everOpened ? 'the connection was lost and the browser gave up'
      : 'the service refused the stream or could not be reached (wrong address, an error status, or CORS)';
  }

  function close() {
    if (state.source) {
      state.source.close();
      state.source = null;
      setState('closed', 'closed by you');
    }
    $('close').disabled = true;
    $('open').textContent = 'Open';
  }

  function setState(name, why = '') {
    const badge = $('state');
    badge.className = 'state ' + name;
    badge.dataset.state = name;
    const label = name === 'reconnecting' ? `reconnecting (${state.reconnects + (state.everOpened ? 1 : 0)})` : name;
    badge.textContent = why ? `${label}: ${why}` : label;
    $('reconnects').textContent = state.reconnects;
  }

  function setCurrentId(id) {
    state.currentId = id;
    $('current-id').textContent = id;
  }

  function arrived(e) {
    let record;
    try {
      record = JSON.parse(e.data);
    } catch (ignored) {
      record = { value: e.data };
    }
    state.received++;
    state.perSecond.push(performance.now());
    setCurrentId(e.lastEventId);
    const entry = { record, text: e.data, id: e.lastEventId, tr: null };
    state.pending.push(entry);
    const cap = rowCap();
    if (state.pending.length > cap) state.pending.splice(0, state.pending.length - cap);
    if (state.paused) {
      state.held++;
      $('held').textContent = state.held;
    } else if (!state.frame) {
      state.frame = requestAnimationFrame(render);
    }
    $('received').textContent = state.received;
  }

  // ---------- rendering, once per frame ----------

  function rowCap() {
    const cap = parseInt($('cap').value, 10);
    return Number.isFinite(cap) && cap > 0 ? cap : 1000;
  }

  function render() {
    state.frame = 0;
    if (state.paused || state.pending.length === 0) return;
    const cap = rowCap();
    const batch = state.pending.length > cap ? state.pending.slice(-cap) : state.pending;
    state.pending = [];
    const body = $('rows');
    const fragment = document.createDocumentFragment();
    for (const entry of batch) {
      entry.tr = row(entry);
      state.rows.push(entry);
    }
    for (let i = batch.length - 1; i >= 0; i--) fragment.append(batch[i].tr); // newest on top
    body.prepend(fragment);
    trim(cap);
    updateCounts();
  }

  function trim(cap) {
    const excess = state.rows.length - cap;
    if (excess > 0) {
      for (const old of state.rows.splice(0, excess)) {
        if (old.tr) old.tr.remove();
      }
    }
  }

  // A record's _kafka, or {} for values that are not objects (JSON null, a number, an array): every value is a row.
  function metaOf(record) {
    const meta = isObject(record) ? record._kafka : null;
    return isObject(meta) ? meta : {};
  }

  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  function row(entry) {
    const meta = metaOf(entry.record);
    const tr = document.createElement('tr');
    tr.tabIndex = 0;
    const cells = [
      meta.timestamp ? new Date(meta.timestamp).toISOString().replace('T', ' ').replace('Z', '') : '',
      meta.topic ?? '', meta.partition ?? '', meta.offset ?? '', meta.key ?? '', summary(entry.record)];
    const classes = ['', '', 'num', 'num', 'wide', 'summary'];
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = String(text);
      if (classes[i]) td.className = classes[i];
      tr.append(td);
    });
    tr.entry = entry;
    if (state.search && !matches(entry)) tr.hidden = true;
    return tr;
  }

  function summary(record) {
    let text;
    if (isObject(record)) {
      const { _kafka, ...value } = record;
      text = JSON.stringify(value);
    } else {
      text = JSON.stringify(record);
    }
    return text.length > 200 ? text.slice(0, 199) + '…' : text;
  }

  function matches(entry) {
    return entry.text.toLowerCase().includes(state.search);
  }

  function applySearch() {
    state.search = $('search').value.trim().toLowerCase();
    for (const entry of state.rows) entry.tr.hidden = !!state.search && !matches(entry);
    updateCounts();
  }

  function updateCounts() {
    $('kept').textContent = state.rows.length;
    $('shown').textContent = state.search ? state.rows.filter(r => !r.tr.hidden).length : state.rows.length;
  }

  function togglePause() {
    state.paused = !state.paused;
    const button = $('pause');
    button.setAttribute('aria-pressed', String(state.paused));
    button.textContent = state.paused ? 'Resume' : 'Pause';
    $('paused-note').hidden = !state.paused;
    if (!state.paused) {
      state.held = 0;
      $('held').textContent = '0';
      if (!state.frame) state.frame = requestAnimationFrame(render);
    }
  }

  function clear() {
    $('rows').textContent = '';
    state.rows = [];
    state.pending = [];
    state.held = 0;
    $('held').textContent = '0';
    closeDetail();
    updateCounts();
  }

  // ---------- one event ----------

  function showDetail(entry) {
    if (state.selected && state.selected.tr) state.selected.tr.classList.remove('selected');
    state.selected = entry;
    entry.tr.classList.add('selected');
    const meta = metaOf(entry.record);
    $('detail-title').textContent = `${meta.topic ?? ''} / ${meta.partition ?? ''} @ ${meta.offset ?? ''}`;
    const body = $('detail-body');
    body.textContent = '';
    body.append(jsonTree(entry.record, 0));
    $('detail').hidden = false;
    $('copy-json').focus();
  }

  function closeDetail() {
    if (state.selected && state.selected.tr) {
      state.selected.tr.classList.remove('selected');
      state.selected.tr.focus();
    }
    state.selected = null;
    $('detail').hidden = true;
  }

  // A collapsible view of a JSON value: objects and arrays as <details>, open to the second level.
  function jsonTree(value, depth) {
    if (value !== null && typeof value === 'object') {
      const isArray = Array.isArray(value);
      const details = document.createElement('details');
      details.open = depth < 2;
      const summaryLine = document.createElement('summary');
      const size = isArray ? value.length : Object.keys(value).length;
      summaryLine.textContent = isArray ? `[${size}]` : `{${size}}`;
      details.append(summaryLine);
      for (const [k, v] of Object.entries(value)) {
        const line = document.createElement('div');
        line.className = 'entry';
        if (!isArray) {
          const key = document.createElement('span');
          key.className = 'k';
          key.textContent = JSON.stringify(k) + ': ';
          line.append(key);
        }
        line.append(jsonTree(v, depth + 1));
        details.append(line);
      }
      return details;
    }
    const leaf = document.createElement('span');
    leaf.className = typeof value === 'string' ? 's' : typeof value === 'number' ? 'n' : 'l';
    leaf.textContent = JSON.stringify(value);
    return leaf;
  }

  // ---------- copy and export ----------

  async function copy(text, what) {
    window.lastCopied = text; // for tests and the developer console
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      // No clipboard permission (or not a secure context): the older way, through a selected text area.
      const area = document.createElement('textarea');
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    flash(`${what} copied`);
  }

  function flash(text) {
    const badge = document.createElement('span');
    badge.className = 'muted';
    badge.textContent = ' ' + text;
    $('export').after(badge);
    setTimeout(() => badge.remove(), 1500);
  }

  function shellQuote(text) {
    return `'${text.replace(/'/g, `'\\''`)}'`;
  }

  function curlCommand() {
    const url = state.url || requestUrl();
    return `curl -N -H 'Accept: text/event-stream' ${shellQuote(url)}`;
  }

  function eventSourceCode() {
    const url = state.url || requestUrl();
    return [
      `const source = new EventSource(${JSON.stringify(url)});`,
      'source.onmessage = e => console.log(e.lastEventId, JSON.parse(e.data));',
      "source.addEventListener('error', e => e.data && console.warn(JSON.parse(e.data)));",
      "source.addEventListener('end', e => console.info('ended', JSON.parse(e.data)));",
    ].join('\n');
  }

  function exportNdjson() {
    const text = state.rows.map(r => r.text).join('\n') + (state.rows.length ? '\n' : '');
    window.lastExport = text;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
    link.download = `kafka-sse-${new Date().toISOString().replace(/[:.]/g, '-')}.ndjson`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  // ---------- banner, rates ----------

  function showBanner(text) {
    const banner = $('banner');
    // A request the page's policy blocked fails as any unreachable service would: the policy's reason is the one to show.
    banner.textContent = state.blockedByPolicy || text;
    banner.hidden = false;
  }

  function hideBanner() {
    $('banner').hidden = true;
  }

  function tickRate() {
    const now = performance.now();
    state.perSecond = state.perSecond.filter(t => now - t < 1000);
    $('eps').textContent = state.perSecond.length;
  }

  // ---------- operations view ----------

  const ops = { previous: null, timer: 0 };

  function parseMetrics(text) {
    const samples = [];
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const m = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/);
      if (!m) continue;
      const labels = {};
      for (const l of (m[2] || '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
      samples.push({ name: m[1], labels, value: Number(m[3]) });
    }
    return samples;
  }

  async function refreshOps() {
    try {
      const [stats, metricsText] = await Promise.all([
        fetch(api('v2/stats'), { headers: authorized() }).then(r => r.ok ? r.json() : Promise.reject(refusal('stats', r))),
        fetch(api('v2/metrics'), { headers: authorized() }).then(r => r.ok ? r.text() : Promise.reject(refusal('metrics', r))),
      ]);
      const samples = parseMetrics(metricsText);
      const now = performance.now();
      const by = (name, label) => Object.fromEntries(samples.filter(s => s.name === name).map(s => [s.labels[label], s.value]));
      const clients = by('kafkasse_clients_connected', 'stream');
      const events = by('kafkasse_events_sent_total', 'stream');
      const bytes = by('kafkasse_sent_bytes_total', 'stream');
      const previous = ops.previous;
      const rate = (counter, name) => previous && previous[counter][name] !== undefined
        ? Math.max(0, ((counter === 'events' ? events : bytes)[name] - previous[counter][name]) / ((now - previous.at) / 1000)) : null;
      const streamNames = [...new Set([...Object.keys(clients), ...Object.keys(events)])].sort();
      fill('ops-clients', streamNames.map(n => [n, clients[n] ?? 0, fmt(rate('events', n)), fmt(rate('bytes', n))]));
      ops.previous = { at: now, events, bytes };
      fill('ops-consumers', Object.entries(stats.consumers || {}).map(([role, n]) => [role, n]));
      $('ops-open').textContent = stats.openStreams;
      $('ops-waiting').textContent = stats.waitingForHistory;
      const lag = {};
      samples.filter(s => s.name === 'kafkasse_feed_lag_records')
        .forEach(s => { lag[`${s.labels.topic}/${s.labels.partition}`] = s.value; });
      const windows = [];
      for (const [topic, t] of Object.entries(stats.topics || {})) {
        for (const [p, w] of Object.entries(t.partitions || {})) {
          windows.push([topic, p, w.records, w.bytes, lag[`${topic}/${p}`] ?? '–', w.nextOffset]);
        }
      }
      fill('ops-windows', windows);
      await refreshConnections();
      hideBanner();
    } catch (e) {
      showBanner(`Cannot read the service's stats and metrics at ${service}: ${e.message}`);
    }
  }

  function refusal(what, answer) {
    const meaning = answer.status === 401 ? 'they need a token with the operations role (sse.auth.admin-role), or the token was refused'
      : answer.status === 403 ? 'your token does not have the operations role (sse.auth.admin-role)' : 'refused';
    return new Error(`${what}: ${answer.status}, ${meaning}`);
  }

  // Published only when the operator turns it on; a 404 says it is off.
  async function refreshConnections() {
    const answer = await fetch(api('v2/connections'), { headers: authorized({ Accept: 'application/json' }) });
    const off = answer.status === 404;
    $('ops-connections-off').hidden = !off;
    $('ops-connections').hidden = off;
    if (answer.ok) {
      const body = await answer.json();
      fill('ops-connections', body.connections.map(c => [c.id, c.client, c.streams.join(','), c.seconds, c.events, c.bytes, c.agent ?? '']));
    }
  }

  function fmt(n) {
    return n === null ? '–' : n >= 100 ? Math.round(n).toLocaleString() : n.toFixed(1);
  }

  function fill(tableId, rows) {
    const body = $(tableId).tBodies[0];
    body.textContent = '';
    for (const cells of rows) {
      const tr = document.createElement('tr');
      cells.forEach((c, i) => {
        const td = document.createElement('td');
        td.textContent = String(c);
        if (i > 0 && /^[-–\d.,]+$/.test(String(c))) td.className = 'num';
        tr.append(td);
      });
      body.append(tr);
    }
  }

  function showView(which) {
    const stream = which === 'stream';
    $('view-stream').hidden = !stream;
    $('view-ops').hidden = stream;
    $('tab-stream').setAttribute('aria-selected', String(stream));
    $('tab-ops').setAttribute('aria-selected', String(!stream));
    clearInterval(ops.timer);
    if (!stream) {
      refreshOps();
      ops.timer = setInterval(refreshOps, 2000);
    }
  }

  // ---------- wiring ----------

  function typing(target) {
    return target.closest('input, textarea, select, [contenteditable]');
  }

  // The page's Content-Security-Policy lets it talk only to its own origin and those the operator listed
  // (sse.console.service-origins): a ?service= of another origin is blocked by the browser; say why.
  document.addEventListener('securitypolicyviolation', e => {
    state.violations = (state.violations || 0) + 1;
    if (e.effectiveDirective === 'connect-src') {
      state.blockedByPolicy = `The console may talk only to the service it came from, or to those the operator lists in ` +
        `sse.console.service-origins: ${e.blockedURI} is not one of them.`;
      showBanner(state.blockedByPolicy);
    }
  });

  document.addEventListener('keydown', e => {
    if (e.key === 'Escape' && !$('detail').hidden) {
      closeDetail();
      return;
    }
    if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'p') { togglePause(); e.preventDefault(); }
    else if (e.key === 'c') { clear(); e.preventDefault(); }
    else if (e.key === '/') { $('search').focus(); e.preventDefault(); }
  });
  $('rows').addEventListener('click', e => {
    const tr = e.target.closest('tr');
    if (tr && tr.entry) showDetail(tr.entry);
  });
  $('rows').addEventListener('keydown', e => {
    const tr = e.target.closest('tr');
    if (!tr) return;
    if (e.key === 'Enter' && tr.entry) showDetail(tr.entry);
    else if (e.key === 'ArrowDown' && tr.nextElementSibling) { tr.nextElementSibling.focus(); e.preventDefault(); }
    else if (e.key === 'ArrowUp' && tr.previousElementSibling) { tr.previousElementSibling.focus(); e.preventDefault(); }
  });
  $('open-form').addEventListener('submit', open);
  $('close').addEventListener('click', close);
  $('add-match').addEventListener('click', () => addMatch());
  $('pause').addEventListener('click', togglePause);
  $('clear').addEventListener('click', clear);
  $('search').addEventListener('input', applySearch);
  $('cap').addEventListener('change', () => { trim(rowCap()); updateCounts(); });
  $('copy-curl').addEventListener('click', () => { try { copy(curlCommand(), 'curl command'); } catch (e) { showBanner(e.message); } });
  $('copy-es').addEventListener('click', () => { try { copy(eventSourceCode(), 'EventSource code'); } catch (e) { showBanner(e.message); } });
  $('export').addEventListener('click', exportNdjson);
  $('copy-json').addEventListener('click', () => state.selected && copy(JSON.stringify(state.selected.record, null, 2), 'event JSON'));
  $('close-detail').addEventListener('click', closeDetail);
  $('tab-stream').addEventListener('click', () => showView('stream'));
  $('tab-ops').addEventListener('click', () => showView('ops'));
  setInterval(tickRate, 500);
  $('token').addEventListener('change', loadStreams);
  loadStreams();

  // For tests and for people at the developer console.
  window.kafkaSseConsole = { state, requestUrl, curlCommand, eventSourceCode };
})();
