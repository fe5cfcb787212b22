// Estrade's page: both streams through hls.js, the programme, the question on screen and the question
// panel, kept up to date by Server-Sent Events. Everything it knows comes from estrade-web through the
// invitation link's token (docs/web.md).
'use strict';

const words = {
  fr: {
    sound_on: 'Activer le son', sound_off: 'Couper le son', layout_speaker: 'Intervenant', layout_slides: 'Diapositives',
    layout_side: 'Côte à côte', layout_inset: 'Diapos + intervenant', layout_follow: 'Suivre l\'hôte',
    questions: 'Questions', your_question: 'Votre question', your_name: 'Votre prénom (facultatif)', send: 'Envoyer',
    waiting_programme: 'en attente du programme de l\'hôte', starting: 'début prochainement',
    talk_of: (n, of) => `Intervention ${n} sur ${of}`, questions_of: (n, of) => `Questions — intervention ${n} sur ${of}`,
    break_: 'Pause', next_talk: (n, of) => `ensuite : intervention ${n} sur ${of}`, back_soon: 'reprise bientôt',
    ended: 'Fin', ended_detail: 'l\'événement est terminé — merci !',
    connecting: 'connexion au direct…', stalled: 'l\'image de l\'hôte est interrompue — reprise automatique dès son retour',
    stream_stopped: 'l\'hôte n\'envoie pas ce flux pour le moment', lost: 'connexion perdue — nouvelle tentative…',
    channel_down: 'les questions sont momentanément indisponibles — ce que vous écrivez sera envoyé dès leur retour',
    sent: 'Question envoyée.', kept: 'Question gardée : elle sera envoyée dès que la liaison revient.',
    closed: 'Les questions sont fermées pour le moment.', vote: '+1', voted: 'vous avez voté',
    state_pending: 'en attente de validation par l\'animateur', state_waiting: 'en attente', state_on_screen: 'à l\'écran', state_answered: 'répondue', state_dismissed: 'écartée',
    state_withdrawn: 'retirée', state_merged: 'regroupée avec une question proche', state_not_sent: 'pas encore envoyée',
    votes: n => `${n} vote${n > 1 ? 's' : ''}`, this_site: 'ce site', refused: 'Refusée : ',
    bad_link: 'Ce lien n\'est plus valable. Demandez un nouveau lien à la personne qui vous a invité.',
    poll: 'Main levée', poll_results: 'Main levée — résultats', poll_pick: 'Levez la main : choisissez votre réponse',
    poll_mine: a => `Votre réponse : ${a} — vous pouvez changer d'avis jusqu'à la fin`, poll_kept: 'Réponse gardée : elle sera envoyée dès que la liaison revient.',
    per_room: 'Par salle',
  },
  en: {
    sound_on: 'Sound on', sound_off: 'Sound off', layout_speaker: 'Speaker', layout_slides: 'Slides',
    layout_side: 'Side by side', layout_inset: 'Slides + speaker', layout_follow: 'Follow the host',
    questions: 'Questions', your_question: 'Your question', your_name: 'Your first name (optional)', send: 'Send',
    waiting_programme: 'waiting for the host\'s programme', starting: 'starting soon',
    talk_of: (n, of) => `Talk ${n} of ${of}`, questions_of: (n, of) => `Questions — talk ${n} of ${of}`,
    break_: 'Break', next_talk: (n, of) => `next: talk ${n} of ${of}`, back_soon: 'back soon',
    ended: 'End', ended_detail: 'the event has ended — thank you!',
    connecting: 'connecting to the live stream…', stalled: 'the host\'s picture has stopped — it comes back by itself',
    stream_stopped: 'the host is not sending this stream at the moment', lost: 'connection lost — trying again…',
    channel_down: 'questions are unavailable for a moment — what you type is sent when they are back',
    sent: 'Question sent.', kept: 'Question kept: it will be sent when the link is back.',
    closed: 'Questions are closed for now.', vote: '+1', voted: 'you voted',
    state_pending: 'awaiting the moderator\'s approval', state_waiting: 'waiting', state_on_screen: 'on screen', state_answered: 'answered', state_dismissed: 'dismissed',
    state_withdrawn: 'withdrawn', state_merged: 'merged with a similar question', state_not_sent: 'not sent yet',
    votes: n => `${n} vote${n > 1 ? 's' : ''}`, this_site: 'this site', refused: 'Refused: ',
    bad_link: 'This link is no longer valid. Ask the person who invited you for a new one.',
    poll: 'Show of hands', poll_results: 'Show of hands — results', poll_pick: 'Raise your hand: pick your answer',
    poll_mine: a => `Your answer: ${a} — you may change your mind until it closes`, poll_kept: 'Answer kept: it will be sent when the link is back.',
    per_room: 'Per room',
  },
};
const language = (navigator.language || 'fr').toLowerCase().startsWith('en') ? 'en' : 'fr';
const t = words[language];
document.documentElement.lang = language;
const token = new URLSearchParams(location.search).get('t') || '';
const api = path => `${path}${path.includes('?') ? '&' : '?'}t=${encodeURIComponent(token)}`;
const $ = id => document.getElementById(id);

// What tests and benchmarks read (window.estrade): the state, the videos, the layout shown.
const page = { state: null, session: null, chosenLayout: null, players: {}, videos: { speaker: $('speaker'), slides: $('slides') } };
window.estrade = page;

for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t[element.dataset.i18n];

function setNotice(text) {
  $('notice').textContent = text || '';
  $('notice').hidden = !text;
}

// One hls.js player per stream. It recovers by itself: a fatal error or a picture that stops moving
// for long enough makes a fresh player on the same playlist.
function startStream(name, url) {
  const video = page.videos[name];
  const status = $(`${name}-status`);
  const state = { lastTime: -1, stuckSince: performance.now(), hls: null };
  page.players[name] = state;
  const attach = () => {
    if (state.hls) state.hls.destroy();
    status.textContent = t.connecting;
    if (!window.Hls || !Hls.isSupported()) { video.src = url; video.play().catch(() => {}); return; }
    // hold_back_s behind the newest listed segment (one segment and a half: estrade-web says how much), for
    // about 6 s glass to browser with 2 s segments (docs/web.md); 4 segments behind, it jumps ahead.
    const holdBack = page.session.hold_back_s || 3;
    // Playing up to 10 % faster while behind the target brings every page to the same delay, whenever it
    // joined (otherwise it depends on when, between two playlist updates, it started).
    const hls = new Hls({ liveSyncDuration: holdBack, liveMaxLatencyDuration: holdBack + 4 * page.session.segment_seconds,
                          maxLiveSyncPlaybackRate: 1.1, maxBufferLength: 8,
                          manifestLoadingMaxRetry: 100, levelLoadingMaxRetry: 100, fragLoadingMaxRetry: 20 });
    state.hls = hls;
    hls.on(Hls.Events.ERROR, (_, data) => {
      if (data.fatal) { status.textContent = t.lost; setTimeout(attach, 2000); }
    });
    hls.loadSource(url);
    hls.attachMedia(video);
    hls.on(Hls.Events.MANIFEST_PARSED, () => video.play().catch(() => {}));
  };
  setInterval(() => {
    const moving = video.currentTime !== state.lastTime && !video.paused;
    state.lastTime = video.currentTime;
    const live = !page.state || !page.state.streams || page.state.streams[name] !== 'stopped';
    if (moving) { state.stuckSince = performance.now(); status.textContent = ''; return; }
    const stuck = performance.now() - state.stuckSince;
    if (!live) status.textContent = t.stream_stopped;
    else if (stuck > 4000) status.textContent = t.stalled;
    if (stuck > 10000) { state.stuckSince = performance.now(); attach(); }
    else if (video.paused && video.readyState >= 2) video.play().catch(() => {});
  }, 1000);
  attach();
}

function shownLayout() {
  return page.chosenLayout || (page.state && page.state.layout) || 'slides-inset';
}

function renderLayout() {
  const layout = shownLayout();
  $('stage').className = `layout-${layout}`;
  for (const button of document.querySelectorAll('[data-layout]'))
    button.setAttribute('aria-pressed', String(button.dataset.layout === (page.chosenLayout || '')));
}

function renderStrip(state) {
  const p = state.programme;
  let headline = state.event_title, detail = t.waiting_programme;
  if (p) {
    const who = [p.role, p.organisation].filter(Boolean).join(', ');
    if (p.kind === 'opening') detail = t.starting;
    if (p.kind === 'talk') { headline = `${t.talk_of(p.talk, p.talks)} — ${p.speaker}`; detail = [who, p.title].filter(Boolean).join(' · '); }
    if (p.kind === 'questions') { headline = t.questions_of(p.talk, p.talks); detail = [p.speaker, who].filter(Boolean).join(', '); }
    if (p.kind === 'break') { headline = t.break_; detail = p.talk < p.talks ? t.next_talk(p.talk + 1, p.talks) : t.back_soon; }
    if (p.kind === 'ended') { headline = t.ended; detail = t.ended_detail; }
  }
  $('headline').textContent = headline;
  $('detail').textContent = detail;
  setNotice(state.connected ? (state.window_open ? '' : t.closed) : t.channel_down);
}

function renderPicked(picked) {
  $('picked').hidden = !picked;
  if (!picked) return;
  $('picked-text').textContent = picked.text;
  $('picked-from').textContent = [picked.name, picked.site].filter(Boolean).join(' — ');
}

function renderQuestions(questions) {
  const list = $('question-list');
  const items = questions.map(q => {
    const li = document.createElement('li');
    li.className = q.state;
    const text = document.createElement('div');
    text.textContent = q.text;
    const meta = document.createElement('div');
    meta.className = 'meta';
    const from = q.mine ? [q.name, t.this_site].filter(Boolean).join(' — ') : q.site;
    const stateWords = t[`state_${q.state}`] || q.state;
    meta.append(`${from} · ${stateWords}${q.reason ? ` : ${q.reason}` : ''} · ${t.votes(q.votes)}`);
    if (q.can_vote) {
      const vote = document.createElement('button');
      vote.textContent = t.vote;
      vote.onclick = () => send('/api/vote', { question: q.id });
      meta.append(vote);
    } else if (q.voted) meta.append(` · ${t.voted}`);
    li.dataset.question = q.id;
    li.append(text, meta);
    return li;
  });
  list.replaceChildren(...items);
}

// One hand per browser: a random id kept in the browser, sent with each answer (docs/web.md).
function participantId() {
  let id = localStorage.getItem('estrade-participant');
  if (!id) {
    id = Array.from(crypto.getRandomValues(new Uint8Array(12)), b => b.toString(16).padStart(2, '0')).join('');
    localStorage.setItem('estrade-participant', id);
  }
  return id;
}

const pollView = { id: 0, secondsLeft: 0, receivedAt: 0, mine: {} };
setInterval(() => {
  if (!pollView.id || !page.state || !page.state.poll || !page.state.poll.open) return;
  const left = Math.max(0, pollView.secondsLeft - Math.floor((performance.now() - pollView.receivedAt) / 1000));
  $('poll-countdown').textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}, 250);

function renderPoll(poll) {
  $('poll').hidden = !poll;
  if (!poll) { pollView.id = 0; return; }
  pollView.id = poll.id;
  pollView.secondsLeft = poll.seconds_left;
  pollView.receivedAt = performance.now();
  $('poll-title').textContent = poll.open ? t.poll : t.poll_results;
  $('poll-question').textContent = poll.question;
  $('poll-countdown').hidden = !poll.open;
  const mine = pollView.mine[poll.id];
  $('poll-message').textContent = poll.open ? (mine !== undefined ? t.poll_mine(poll.choices[mine]) : t.poll_pick) : '';
  const answers = $('poll-answers');
  if (poll.open) {
    answers.replaceChildren(...poll.choices.map((choice, index) => {
      const button = document.createElement('button');
      button.textContent = choice;
      button.dataset.choice = index;
      button.setAttribute('aria-pressed', String(mine === index));
      button.onclick = async () => {
        const result = await send('/api/answer', { poll: poll.id, choice: index, participant: participantId() });
        if (result.ok) pollView.mine[poll.id] = index;
        renderPoll(page.state.poll);
        if (!result.ok || result.text) $('poll-message').textContent = result.ok ? t.poll_kept : result.text;
      };
      return button;
    }));
  } else {
    const largest = Math.max(1, ...poll.totals);
    answers.replaceChildren(...poll.choices.map((choice, index) => {
      const row = document.createElement('div');
      row.className = 'poll-bar';
      const label = Object.assign(document.createElement('span'), { textContent: choice });
      const bar = Object.assign(document.createElement('span'), { className: 'bar' });
      bar.style.width = `${Math.max(1, 60 * poll.totals[index] / largest)}%`;
      const total = Object.assign(document.createElement('b'), { textContent: poll.totals[index] });
      total.dataset.total = index;
      row.append(label, bar, total);
      return row;
    }));
    const rooms = Object.assign(document.createElement('p'), { className: 'poll-rooms' });
    rooms.textContent = `${t.per_room} : ` + poll.rooms.map(r => `${r.room} ${r.counts.join(' · ')}`).join(' — ');
    answers.append(rooms);
  }
}

function render(state) {
  page.state = state;
  renderPoll(state.poll);
  renderStrip(state);
  renderLayout();
  renderPicked(state.picked);
  renderQuestions(state.questions);
}

async function send(path, body) {
  try {
    const response = await fetch(api(path), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const reply = await response.json();
    if (response.status === 200) return { ok: true, text: path === '/api/ask' ? t.sent : '' };
    if (response.status === 202 && path === '/api/answer') return { ok: true, text: t.poll_kept };
    if (response.status === 202) return { ok: true, text: t.kept };
    return { ok: false, text: t.refused + (reply.reason || response.status) };
  } catch (error) {
    return { ok: false, text: t.lost };
  }
}

$('ask').addEventListener('submit', async event => {
  event.preventDefault();
  const text = $('question-text').value.trim();
  if (!text) return;
  const result = await send('/api/ask', { text, name: $('question-name').value.trim() });
  $('ask-message').textContent = result.text;
  if (result.ok) $('question-text').value = '';
});
$('questions-button').onclick = () => { $('panel').hidden = !$('panel').hidden; if (!$('panel').hidden) $('question-text').focus(); };
$('sound').onclick = () => {
  const video = page.videos.speaker;
  video.muted = !video.muted;
  video.play().catch(() => {});
  $('sound').textContent = video.muted ? t.sound_on : t.sound_off;
};
for (const button of document.querySelectorAll('[data-layout]'))
  button.onclick = () => { page.chosenLayout = button.dataset.layout || null; renderLayout(); };

function followUpdates() {
  const source = new EventSource(api('/api/events'));
  source.addEventListener('state', event => render(JSON.parse(event.data)));
  // The browser reconnects by itself; say so meanwhile.
  source.onerror = () => setNotice(t.lost);
}

async function start() {
  const response = await fetch(api('/api/session'));
  if (!response.ok) { document.body.replaceChildren(Object.assign(document.createElement('p'), { textContent: t.bad_link })); return; }
  page.session = await response.json();
  document.title = page.session.event_title;
  startStream('speaker', page.session.live.speaker);
  startStream('slides', page.session.live.slides);
  followUpdates();
}

start();
