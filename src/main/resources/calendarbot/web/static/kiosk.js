/* CalendarBot kiosk page. Plain ES2017, no dependencies. See docs/kiosk.md.
 * Time: every "now" is the server's (X-Server-Time) advanced by performance.now(); the device
 * clock and zone are never used, and times are shown in the offsets the server's ISO strings carry.
 * Work per second: one timer that rewrites the countdown texts. Full renders happen when data
 * changes or a boundary (a start, an end, a status threshold, midnight) passes. */
(function () {
  'use strict';
  const MIN = 60000;
  const DAY = 86400000;
  const THEMES = ['light', 'dark', 'eink'];
  const LAYOUTS = ['whats-next', 'agenda'];
  const PROVIDERS = {teams: 'Teams', zoom: 'Zoom', meet: 'Meet'};
  const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const params = new URLSearchParams(location.search);
  const $ = (id) => document.getElementById(id);
  const ISO = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?(Z|[+-]\d\d(?::?\d\d)?)?$/i;

  const S = {
    data: null, etag: null, events: [], allDay: [], agenda: null,
    // Baseline: until the first answer, debug_time or (only then) the device clock.
    server: params.get('debug_time') ? parse(params.get('debug_time')).ms : Date.now(),
    at: performance.now(), off: 0, offText: 'Z', answered: false,
    hidden: {}, hiddenVersion: -1, pending: null, hideError: null,
    offlineSince: null, failures: 0, inflight: null,
    pollTimer: 0, tickTimer: 0, boundaryTimer: 0, boundary: Infinity,
    ticking: [], clockText: ''
  };

  /* The client id the server's per-client flags read: a random id in a cookie set once. */
  if (!/(?:^|;\s*)cb_client=/.test(document.cookie)) {
    const b = new Uint8Array(12);
    crypto.getRandomValues(b);
    document.cookie = 'cb_client=k' + Array.from(b, (x) => (x < 16 ? '0' : '') + x.toString(16)).join('') +
      '; max-age=315360000; path=/; SameSite=Strict';
  }
  /* An admin token arrives once as #token=...; it moves to localStorage, out of the address bar. */
  const TOKEN = 'cb_admin_token', hash = /[#&]token=([^&]+)/.exec(location.hash);
  if (hash) {
    try { localStorage.setItem(TOKEN, decodeURIComponent(hash[1])); } catch (e) { /* storage off */ }
    history.replaceState(null, '', location.pathname + location.search);
  }
  function token() { try { return localStorage.getItem(TOKEN); } catch (e) { return null; } }

  function now() { return S.server + (performance.now() - S.at); }

  /** {ms, off}: epoch millis and the offset (minutes east of UTC) the text was written in. */
  function parse(text) {
    const m = ISO.exec(text || '');
    if (!m) return {ms: NaN, off: 0};
    let off = 0;
    if (m[8] && m[8].toUpperCase() !== 'Z') {
      const d = m[8].replace(':', '');
      off = (d[0] === '-' ? -1 : 1) * (+d.substr(1, 2) * 60 + (+d.substr(3, 2) || 0));
    }
    const frac = m[7] ? Math.round(+('0.' + m[7]) * 1000) : 0;
    const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0), frac);
    return {ms: ms - off * MIN, off: off};
  }

  const pad = (n) => (n < 10 ? '0' : '') + n;
  function local(ms, off) { return new Date(ms + off * MIN); }
  function dayOf(ms, off) { return Math.floor((ms + off * MIN) / DAY); }
  /** HH:MM (24h) or h:MM AM/PM (12h) of ms in the given offset. */
  function hhmm(ms, off) {
    const d = local(ms, off), h = d.getUTCHours(), m = pad(d.getUTCMinutes());
    if (S.data && S.data.display && S.data.display.clock === '12h') {
      return ((h + 11) % 12 + 1) + ':' + m + ' ' + (h < 12 ? 'AM' : 'PM');
    }
    return pad(h) + ':' + m;
  }
  function countdown(ms) {
    const s = Math.max(0, Math.ceil(ms / 1000)), h = Math.floor(s / 3600);
    const rest = pad(Math.floor(s / 60) % 60) + ':' + pad(s % 60);
    return h ? pad(h) + ':' + rest : rest;
  }
  const minutesCeil = (ms) => Math.ceil(ms / MIN);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  function norm(e, api) {
    const s = parse(api ? e.start : e.start_time), en = parse(api ? e.end : e.end_time);
    return {
      id: e.id, src: api ? e.sourceId : e.source_id, uid: e.uid,
      subject: (api ? e.summary : e.subject) || '(no title)',
      s: s.ms, e: en.ms, off: s.off, eoff: en.off, allDay: api ? e.allDay : e.all_day,
      location: e.location, meetingUrl: api ? null : e.meeting_url, provider: api ? null : e.meeting_provider
    };
  }

  function accept(d, etag) {
    S.data = d;
    S.etag = etag;
    const t = parse(d.current_time), m = /(Z|[+-]\d\d:?\d\d)$/i.exec(d.current_time || '');
    S.off = t.off;
    S.offText = m ? m[1] : 'Z';
    const seen = {};
    S.events = [].concat(d.current_events || [], d.next_events || [], d.later_events || [])
      .filter((e) => !seen[e.id] && (seen[e.id] = true)).map((e) => norm(e, false));
    S.allDay = (d.all_day_events || []).map((e) => norm(e, false));
    // A hide is confirmed once an answer computed with newer settings arrives.
    if (d.display && d.display.settings_version > S.hiddenVersion) S.hidden = {};
    S.hideError = null;
    const theme = THEMES.indexOf(params.get('theme')) >= 0 ? params.get('theme')
      : THEMES.indexOf(d.display && d.display.theme) >= 0 ? d.display.theme : 'light';
    document.documentElement.className = 'theme-' + theme + ' layout-' + layout();
  }

  function layout() {
    const p = params.get('layout'), d = S.data && S.data.display && S.data.display.layout;
    return LAYOUTS.indexOf(p) >= 0 ? p : LAYOUTS.indexOf(d) >= 0 ? d : 'whats-next';
  }
  function interval() {
    const p = S.data && S.data.display && S.data.display.poll_interval_seconds;
    return (p > 0 ? p : 60) * 1000;
  }

  /** current / next / later at t, the server's rule: in progress = started, not ended. */
  function compute(t) {
    const cur = [], up = [];
    S.events.forEach((x) => {
      if (S.hidden[x.id]) return;
      if (x.s <= t && (x.e > t || (x.e === x.s && x.s === t))) cur.push(x);
      else if (x.s > t) up.push(x);
    });
    up.sort((a, b) => a.s - b.s);
    const first = up.length ? up[0].s : null, today = dayOf(t, S.off);
    const limit = S.data && S.data.display ? S.data.display.later_events : 5;
    return {
      cur: cur,
      next: up.filter((x) => x.s === first),
      later: up.filter((x) => x.s !== first && dayOf(x.s, S.off) === today).slice(0, limit),
      today: today
    };
  }

  /** The status line; keep identical to the rule in docs/kiosk.md. */
  function status(v, t) {
    if (v.cur.length) {
      const left = minutesCeil(Math.min.apply(null, v.cur.map((x) => x.e)) - t);
      return left <= 5 ? 'In progress \u2014 Wrap up' : 'In progress';
    }
    if (!v.next.length) return 'Nothing more today';
    const m = minutesCeil(v.next[0].s - t);
    if (m > 60) return 'Plenty of time';
    if (m > 15) return 'Starting within the hour';
    if (m > 5) return 'Starting soon';
    return 'Starting very soon';
  }

  function when(x, t) {
    const other = dayOf(x.s, x.off) !== dayOf(t, S.off);
    const prefix = other ? WEEKDAYS[local(x.s, x.off).getUTCDay()] + ' ' : '';
    return prefix + hhmm(x.s, x.off) + (x.e > x.s ? '\u2013' + hhmm(x.e, x.eoff) : '');
  }

  function closeButton(x) {
    const b = el('button', 'x', '\u00d7');
    b.type = 'button';
    b.title = 'Hide';
    b.setAttribute('aria-label', 'Hide ' + x.subject);
    b.onclick = () => askHide(x);
    return b;
  }

  function card(x, kind, t) {
    const a = el('article', 'ev ' + kind);
    a.dataset.id = x.id;
    a.append(closeButton(x), el('h3', 'title', x.subject), el('p', 'when', when(x, t)));
    // A location that is only the meeting link says nothing the join button does not.
    if (x.location && !(x.meetingUrl && /^https?:\/\//i.test(x.location))) a.append(el('p', 'where', x.location));
    if (x.meetingUrl) {
      const j = el('a', 'join', 'Join ' + (PROVIDERS[x.provider] || 'meeting'));
      j.href = x.meetingUrl;
      j.target = '_blank';
      j.rel = 'noopener';
      a.append(j);
    }
    if (kind === 'cur') {
      const r = el('p', 'remain');
      S.ticking.push((t2) => {
        const left = minutesCeil(x.e - t2);
        r.className = left <= 5 ? 'remain wrap' : 'remain';
        return left <= 5 ? 'Wrap up \u00b7 ' + left + ' min left' : left + ' min left';
      });
      S.ticking[S.ticking.length - 1].node = r;
      a.append(r);
    } else if (kind === 'next') {
      const c = el('p', 'countdown');
      S.ticking.push((t2) => countdown(x.s - t2));
      S.ticking[S.ticking.length - 1].node = c;
      a.append(c);
    }
    return a;
  }

  function listItem(x, t, cls) {
    const li = el('li', cls || '');
    li.dataset.id = x.id;
    li.append(el('span', 't', x.allDay ? 'All day' : when(x, t)), el('span', 's', x.subject), closeButton(x));
    return li;
  }

  function render() {
    const t = now();
    S.ticking = [];
    const d = S.data, v = compute(t), ready = d && d.status_info && d.status_info.data_ready;
    $('date').textContent = d ? d.display_date : '';
    $('status').textContent = d ? status(v, t) : '';
    $('status').className = v.cur.length && /Wrap/.test($('status').textContent) ? 'status wrap' : 'status';

    const allDay = clear($('allday'));
    S.allDay.filter((x) => !S.hidden[x.id]).forEach((x) => {
      const c = el('span', 'chip', x.subject);
      c.dataset.id = x.id;
      c.append(closeButton(x));
      allDay.append(c);
    });
    allDay.hidden = !allDay.firstChild;

    const nowSec = clear($('now')), nextSec = clear($('next')), laterSec = clear($('later'));
    if (!d || (!ready && !v.cur.length && !v.next.length)) {
      nowSec.append(el('p', 'empty', d || !S.offlineSince ? 'Loading calendars\u2026' : 'Waiting for the server\u2026'));
    } else {
      if (v.cur.length) {
        nowSec.append(el('h2', 'label', 'Now'));
        v.cur.forEach((x) => nowSec.append(card(x, 'cur', t)));
      } else {
        const n = v.next[0];
        nowSec.append(el('p', 'free', n && dayOf(n.s, S.off) === v.today
          ? 'Free until ' + hhmm(n.s, n.off) : 'Free for the rest of the day'));
      }
      if (v.next.length) {
        nextSec.append(el('h2', 'label', 'Next'));
        v.next.forEach((x) => nextSec.append(card(x, 'next', t)));
      } else {
        nextSec.append(el('p', 'empty', 'No more meetings today'));
      }
      if (v.later.length) {
        laterSec.append(el('h2', 'label', 'Later today'));
        const ul = el('ul', 'list');
        v.later.forEach((x) => ul.append(listItem(x, t)));
        laterSec.append(ul);
      }
    }
    if (layout() === 'agenda') renderAgenda(t);

    const notes = [];
    if (d && d.status_info) {
      (d.status_info.sources || []).filter((s) => s.state === 'FAILED' || s.stale).forEach((s) => {
        notes.push('Calendar \u2018' + (s.name || s.id) + '\u2019 could not be updated' +
          (s.last_success ? ' since ' + hhmm(parse(s.last_success).ms, S.off) : ''));
      });
    }
    if (S.hideError) notes.push(S.hideError);
    // An emergency answer is the server's last good one: still shown, and said so.
    const em = d && d.emergency, at = em && parse(em.saved_at).ms;
    $('emergency').textContent = !em ? '' : 'Showing saved data from ' +
      (isNaN(at) ? '?' : hhmm(at, S.off)) + ', ' +
      Math.round((em.age_seconds != null ? em.age_seconds * 1000 : now() - at) / MIN) +
      ' min old: the server cannot read the calendar right now';
    $('emergency').hidden = !em;
    $('notice').textContent = notes.join(' \u00b7 ');
    $('notice').hidden = !notes.length;
    $('offline').textContent = S.offlineSince == null ? ''
      : 'Offline since ' + hhmm(S.offlineSince, S.off) + ' \u2014 showing last known schedule';
    $('offline').hidden = S.offlineSince == null;

    S.clockText = '';
    scheduleBoundary(t);
    tick();
  }

  function renderAgenda(t) {
    const sec = clear($('agenda'));
    if (!S.agenda) {
      sec.append(el('p', 'empty', 'Loading calendars\u2026'));
      return;
    }
    const today = dayOf(t, S.off);
    [today, today + 1].forEach((day, i) => {
      const start = day * DAY - S.off * MIN, end = start + DAY;
      const items = S.agenda.filter((x) => !S.hidden[x.id] && x.s < end && (x.e > start || x.s === start))
        .sort((a, b) => (b.allDay - a.allDay) || (a.s - b.s));
      const label = (i ? 'Tomorrow' : 'Today') + ', ' + WEEKDAYS[new Date(day * DAY).getUTCDay()] + ' ' +
        new Date(day * DAY).getUTCDate();
      sec.append(el('h2', 'day', label));
      if (!items.length) {
        sec.append(el('p', 'empty', 'No meetings'));
        return;
      }
      const ul = el('ul', 'list');
      items.forEach((x) => ul.append(listItem(x, t,
        x.allDay ? '' : x.e <= t ? 'past' : x.s <= t ? 'cur' : '')));
      sec.append(ul);
    });
  }

  /** Re-renders exactly when the next start, end or status threshold passes, or at midnight. */
  function scheduleBoundary(t) {
    let b = Infinity;
    const c = (x) => { if (x > t && x < b) b = x; };
    S.events.concat(S.agenda || []).forEach((x) => {
      c(x.s); c(x.e); c(x.e - 5 * MIN); c(x.s - 60 * MIN); c(x.s - 15 * MIN); c(x.s - 5 * MIN);
      if (x.e === x.s) c(x.s + 1);
    });
    const midnight = (dayOf(t, S.off) + 1) * DAY - S.off * MIN;
    c(midnight);
    S.boundary = b;
    clearTimeout(S.boundaryTimer);
    S.boundaryTimer = setTimeout(onBoundary, Math.min(b - t, 2147483647));
  }

  function onBoundary() {
    if (now() < S.boundary) { scheduleBoundary(now()); return; }
    const crossedDay = dayOf(now(), S.off) !== dayOf(S.boundary - 1, S.off);
    render();
    if (crossedDay) poll();
  }

  /** The one per-second timer: rewrites the countdown texts (and the clock when its minute turns). */
  function tick() {
    clearTimeout(S.tickTimer);
    const t = now();
    if (t >= S.boundary) { onBoundary(); return; }
    const c = S.answered ? hhmm(t, S.off) : '';
    if (c !== S.clockText) $('clock').textContent = S.clockText = c;
    S.ticking.forEach((f) => {
      const text = f(t);
      if (f.node.textContent !== text) f.node.textContent = text;
    });
    S.tickTimer = setTimeout(tick, 1000 - (Math.floor(t) % 1000) + 5);
  }

  function query() {
    const q = [];
    // debug_time: the page's own instant once it has one, so a demo's clock runs on.
    if (params.get('debug_time')) q.push('debug_time=' + encodeURIComponent(new Date(Math.floor(now())).toISOString()));
    return q.length ? '?' + q.join('&') : '';
  }

  function poll() {
    if (S.inflight) return S.inflight;
    clearTimeout(S.pollTimer);
    const headers = S.etag ? {'If-None-Match': S.etag} : {};
    const wasOffline = S.offlineSince != null;
    let changed = false;
    S.inflight = fetch('/api/whats-next/data' + query(), {headers: headers, cache: 'no-store'})
      .then((r) => {
        const at = performance.now(), st = +r.headers.get('X-Server-Time');
        if (r.status === 304 && S.data) {
          if (st) { S.server = st; S.at = at; }
          return null;
        }
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json().then((d) => {
          if (st) { S.server = st; S.at = at; }
          S.answered = true;
          accept(d, r.headers.get('ETag'));
          changed = true;
          // A failed agenda read keeps the previous agenda; it is not "offline".
          return layout() === 'agenda' ? loadAgenda().catch(() => null) : null;
        });
      })
      .then(() => {
        S.failures = 0;
        S.offlineSince = null;
        if (changed || wasOffline) render(); else tick();
        S.pollTimer = setTimeout(poll, interval());
      }, () => {
        if (S.offlineSince == null) S.offlineSince = now();
        S.failures++;
        render();
        S.pollTimer = setTimeout(poll, Math.min(1000 * Math.pow(2, S.failures - 1), interval()));
      })
      .catch(() => null)
      .then(() => { S.inflight = null; });
    return S.inflight;
  }

  function loadAgenda() {
    const d = S.data.current_time.substr(0, 10), base = Date.UTC(+d.substr(0, 4), +d.substr(5, 2) - 1, +d.substr(8, 2));
    const end = new Date(base + 2 * DAY).toISOString().substr(0, 10);
    const q = '?start=' + encodeURIComponent(d + 'T00:00' + S.offText) + '&end=' +
      encodeURIComponent(end + 'T00:00' + S.offText) + '&filtered=true';
    return fetch('/api/events' + q, {cache: 'no-store'})
      .then((r) => { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then((a) => { S.agenda = (a.events || []).map((e) => norm(e, true)); });
  }

  function askHide(x) {
    S.pending = x;
    $('confirm-title').textContent = '\u201c' + x.subject + '\u201d';
    $('confirm').hidden = false;
  }

  function hide(scope) {
    const x = S.pending;
    S.pending = null;
    $('confirm').hidden = true;
    if (!x) return Promise.resolve();
    const body = {id: x.id, scope: scope, source_id: x.src, uid: x.uid, subject: x.subject};
    const headers = {'Content-Type': 'application/json'};
    if (token()) headers.Authorization = 'Bearer ' + token();
    return fetch('/api/events/hide', {method: 'POST', headers: headers, body: JSON.stringify(body)})
    .then((r) => {
      // Refused (no or a wrong token, or writes disabled): the server's detail says what to do.
      if (r.status === 401 || r.status === 403) {
        return r.json().then((p) => { throw new Error(p.detail); }, () => { throw new Error('HTTP ' + r.status); });
      }
      if (!r.ok) throw new Error('HTTP ' + r.status);
      S.hiddenVersion = S.data && S.data.display ? S.data.display.settings_version : -1;
      S.events.concat(S.allDay, S.agenda || []).forEach((y) => {
        if (scope === 'series' ? y.src === x.src && y.uid === x.uid : y.id === x.id) S.hidden[y.id] = true;
      });
      render();
      return poll();
    }).catch((e) => {
      S.hideError = 'Could not hide \u201c' + x.subject + '\u201d (' + e.message + ')';
      render();
    });
  }

  $('hide-one').onclick = () => hide('instance');
  $('hide-series').onclick = () => hide('series');
  $('hide-cancel').onclick = () => { S.pending = null; $('confirm').hidden = true; };
  const th = params.get('theme');
  if (THEMES.indexOf(th) >= 0) document.documentElement.className = 'theme-' + th + ' layout-' + layout();

  /** Test hook: force an immediate poll; resolves once the answer is on screen. */
  window.calendarBot = {poll: poll};
  render();
  poll();
})();
