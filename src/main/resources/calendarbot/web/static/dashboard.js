/* CalendarBot operations dashboard: polls /api/dashboard, keeps a short history, draws SVG lines.
   Plain ES2017, no dependency. docs/dashboard.md says where every number comes from. */
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const EVERY = Math.max(1, Number(params.get('every')) || 5) * 1000;
  const KEEP = 120; // samples: 10 minutes at the default 5 s
  const NS = 'http://www.w3.org/2000/svg';
  const W = 400, H = 150, L = 40, R = 6, T = 8, B = 16;
  const MB = 1024 * 1024;
  const S = { history: [], last: null, failedAt: null, timer: null };
  const $ = (id) => document.getElementById(id);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach((k) => e.setAttribute(k, attrs[k]));
    return e;
  }
  function clear(n) { while (n.firstChild) n.removeChild(n.firstChild); return n; }
  function row(tbody, cells) {
    const tr = el('tr');
    cells.forEach((c) => {
      const td = el('td', c.cls || '', c.text == null ? '' : String(c.text));
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  }
  const fix = (v, d) => (v == null || isNaN(v) ? '–' : Number(v).toFixed(d));
  const pct = (v) => (v == null ? 'n/a' : Math.round(v * 100) + '%');
  const mb = (b) => (b == null || b < 0 ? 'n/a' : (b / MB).toFixed(1));
  const routeKey = (l) => l.method + ' ' + l.route;

  /** "HH:MM:SS" of an ISO instant as the server wrote it, and its age against the server's now. */
  function when(iso, nowIso) {
    if (!iso) return 'never';
    const m = /T(\d\d:\d\d:\d\d)/.exec(iso);
    const age = Math.round((Date.parse(nowIso) - Date.parse(iso)) / 1000);
    let ago = '';
    if (!isNaN(age) && age >= 0) {
      ago = age < 90 ? age + ' s ago' : age < 5400 ? Math.round(age / 60) + ' min ago' : Math.round(age / 3600) + ' h ago';
    }
    return (m ? m[1] + (/Z$/.test(iso) ? ' UTC' : '') : iso) + (ago ? ' (' + ago + ')' : '');
  }

  /** One sample of the history from one answer. */
  function sample(d) {
    const lat = {};
    (d.latency || []).forEach((l) => { lat[routeKey(l)] = [l.p50_ms, l.p95_ms, l.p99_ms]; });
    const pool = (name) => {
      const p = (d.pools || []).filter((x) => x.name === name)[0];
      return p ? p.utilisation : null;
    };
    const m = d.memory || {};
    return {
      t: performance.now(),
      lat: lat,
      hit: d.cache ? d.cache.hit_ratio : null,
      feed: pool('feed_http'),
      db: pool('database'),
      heapUsed: m.heap_used_bytes != null ? m.heap_used_bytes / MB : null,
      heapCommitted: m.heap_committed_bytes != null ? m.heap_committed_bytes / MB : null,
      rss: m.rss_bytes != null ? m.rss_bytes / MB : null
    };
  }

  function niceMax(v) {
    if (!(v > 0)) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    const f = v / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  }

  /**
   * Draws each series as one path over the history (a null leaves a gap). Each path carries
   * data-series and data-points (how many samples it has), which the tests read.
   */
  function chart(id, series, fixedMax, fmt) {
    const g = clear($(id));
    const n = S.history.length;
    let top = fixedMax;
    if (!top) {
      let most = 0;
      series.forEach((s) => s.values.forEach((v) => { if (v != null && v > most) most = v; }));
      top = niceMax(most);
    }
    const x = (i) => L + (n < 2 ? (W - L - R) : (i * (W - L - R)) / (n - 1));
    const y = (v) => T + (H - T - B) * (1 - Math.min(v, top) / top);
    [0, 0.5, 1].forEach((f) => {
      g.appendChild(svg('line', { 'class': 'grid-line', x1: L, x2: W - R, y1: y(top * f), y2: y(top * f) }));
      const t = svg('text', { x: L - 4, y: y(top * f) + 3, 'text-anchor': 'end' });
      t.textContent = fmt(top * f);
      g.appendChild(t);
    });
    const age = svg('text', { x: W - R, y: H - 3, 'text-anchor': 'end' });
    const span = n ? (S.history[n - 1].t - S.history[0].t) / 1000 : 0;
    age.textContent = !n ? 'no data yet' : span < 120 ? 'last ' + Math.round(span) + ' s' : 'last ' + Math.round(span / 60) + ' min';
    g.appendChild(age);
    series.forEach((s) => {
      let d = '', pen = false, points = 0;
      s.values.forEach((v, i) => {
        if (v == null || isNaN(v)) { pen = false; return; }
        d += (pen ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(v).toFixed(1) + ' ';
        pen = true;
        points++;
      });
      // A lone sample still shows, as a dot.
      if (/M[^L]*$/.test(d)) d += 'l0.1 0';
      g.appendChild(svg('path', {
        d: d.trim(), stroke: s.color, 'stroke-linecap': 'round', 'data-series': s.name, 'data-points': points
      }));
    });
  }

  function legend(id, series) {
    const box = clear($(id));
    series.forEach((s) => {
      const span = el('span', null, s.name + ' ' + s.now);
      const i = el('i');
      i.style.background = s.color;
      span.insertBefore(i, span.firstChild);
      box.appendChild(span);
    });
  }

  const C = ['var(--c1)', 'var(--c2)', 'var(--c3)', 'var(--c4)'];
  const col = (k) => S.history.map((h) => h[k]);

  function render(d) {
    $('server-time').textContent = 'server time ' + d.server_time;
    $('updated').textContent = 'every ' + EVERY / 1000 + ' s · ' + S.history.length + ' samples';

    const alerts = clear($('alerts'));
    (d.alerts || []).forEach((a) => {
      const text = typeof a === 'string' ? a
        : a.message || a.detail || a.summary || a.code || a.kind || JSON.stringify(a);
      const sev = a && (a.severity || a.level);
      alerts.appendChild(el('li', sev ? String(sev).toLowerCase() : '', (sev ? sev + ': ' : '') + text));
    });

    // Latency of the chosen route (the busiest until one is picked).
    const sel = $('route');
    const keys = (d.latency || []).map(routeKey);
    const chosen = keys.indexOf(sel.value) >= 0 ? sel.value : keys[0];
    if (Array.from(sel.options).map((o) => o.value).join('\n') !== keys.join('\n')) {
      clear(sel);
      keys.forEach((k) => sel.appendChild(el('option', null, k)));
    }
    if (chosen) sel.value = chosen;
    sel.hidden = !keys.length;
    const p = (i) => S.history.map((h) => (h.lat[chosen] ? h.lat[chosen][i] : null));
    const latest = chosen ? S.history[S.history.length - 1].lat[chosen] : null;
    const lat = [
      { name: 'p50', color: C[0], values: p(0), now: latest ? fix(latest[0], 2) : '–' },
      { name: 'p95', color: C[1], values: p(1), now: latest ? fix(latest[1], 2) : '–' },
      { name: 'p99', color: C[2], values: p(2), now: latest ? fix(latest[2], 2) : '–' }
    ];
    chart('chart-latency', lat, 0, (v) => fix(v, v < 10 ? 1 : 0));
    legend('legend-latency', keys.length ? lat : [{ name: 'no route timed yet (metrics not wired?)', color: 'transparent', now: '' }]);
    const routes = clear($('routes'));
    (d.latency || []).forEach((l) => row(routes, [
      { text: l.route }, { text: l.method }, { text: l.count, cls: 'num' },
      { text: fix(l.p50_ms, 2), cls: 'num' }, { text: fix(l.p95_ms, 2), cls: 'num' }, { text: fix(l.p99_ms, 2), cls: 'num' }
    ]));

    const c = d.cache || {};
    $('v-hit').textContent = pct(c.hit_ratio) + ' (' + (c.hits || 0) + ' hits, ' + (c.misses || 0) + ' misses, ' + (c.entries || 0) + ' entries)';
    const hit = [{ name: 'hit ratio', color: C[3], values: col('hit'), now: pct(c.hit_ratio) }];
    chart('chart-hit', hit, 1, pct);
    legend('legend-hit', hit);

    const pools = (d.pools || []);
    $('v-pools').textContent = pools.map((x) => x.name + ' ' + x.in_use + '/' + x.max).join(' · ');
    const pl = (name) => pools.filter((x) => x.name === name)[0] || {};
    const pool = [
      { name: 'feed HTTP', color: C[0], values: col('feed'), now: pct(pl('feed_http').utilisation) },
      { name: 'database', color: C[1], values: col('db'), now: pct(pl('database').utilisation) }
    ];
    chart('chart-pools', pool, 1, pct);
    legend('legend-pools', pool);

    const m = d.memory || {};
    $('v-mem').textContent = 'heap max ' + mb(m.heap_max_bytes) + ' · RSS peak ' + mb(m.rss_peak_bytes);
    const mem = [
      { name: 'heap used', color: C[0], values: col('heapUsed'), now: mb(m.heap_used_bytes) },
      { name: 'heap committed', color: C[1], values: col('heapCommitted'), now: mb(m.heap_committed_bytes) },
      { name: 'RSS', color: C[2], values: col('rss'), now: mb(m.rss_bytes) }
    ];
    chart('chart-memory', mem, 0, (v) => fix(v, 0));
    legend('legend-memory', mem);

    const br = clear($('breakers'));
    (d.breakers || []).forEach((b) => row(br, [
      { text: b.name }, { text: b.state, cls: b.state }, { text: when(b.since, d.server_time) }, { text: b.reason || '' }
    ]));
    const src = clear($('sources'));
    (d.sources || []).forEach((s) => row(src, [
      { text: s.name || s.id }, { text: s.state + (s.stale ? ' (stale)' : ''), cls: s.state },
      { text: when(s.last_success, d.server_time) }, { text: s.event_count, cls: 'num' },
      { text: s.last_error || '' }
    ]));
  }

  /** One poll; resolves when the page shows its answer (or the failure). */
  function poll() {
    return fetch('/api/dashboard', { cache: 'no-store' })
      .then((r) => {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then((d) => {
        S.history.push(sample(d));
        if (S.history.length > KEEP) S.history.shift();
        S.last = d;
        S.failedAt = null;
        $('offline').hidden = true;
        render(d);
      })
      .catch((e) => {
        if (!S.failedAt) S.failedAt = S.last ? S.last.server_time : 'start';
        const off = $('offline');
        off.textContent = 'Cannot reach the server (' + e.message + '); last answer: ' + S.failedAt;
        off.hidden = false;
      });
  }

  function loop() {
    poll().then(() => { S.timer = setTimeout(loop, EVERY); });
  }

  $('route').addEventListener('change', () => { if (S.last) render(S.last); });
  window.dashboard = { poll: poll, history: S.history };
  loop();
})();
