// The chat page: conversations, attachments, streaming answers. Model output and file names only ever reach the
// DOM as text nodes (or through markdown.js, which builds nodes); nothing here assigns HTML.

import { ApiError, listModels, setApiKey, streamChat } from './api.js';
import { renderMarkdown } from './markdown.js';
import { loadConversations, newConversation, saveConversations } from './store.js';
import { canRecord, startRecording } from './wav.js';

const $ = id => document.getElementById(id);
const ui = {
  conversations: $('conversations'), newChat: $('new-chat'), sidebar: $('sidebar'), toggleSidebar: $('toggle-sidebar'),
  model: $('model'), temperature: $('temperature'), maxTokens: $('max-tokens'), banner: $('banner'),
  messages: $('messages'), empty: $('empty'), composer: $('composer'), attachments: $('attachments'),
  file: $('file'), record: $('record'), recordTime: $('record-time'), prompt: $('prompt'), send: $('send'), stop: $('stop'),
  dropOverlay: $('drop-overlay'), keyDialog: $('key-dialog'), keyForm: $('key-form'), keyInput: $('key-input'),
};

const settingsKey = 'localmm.settings';
const state = {
  conversations: loadConversations(),
  current: null,
  pending: [],
  controller: null,
  recorder: null,
  recordTimer: 0,
};

// ---- settings ---------------------------------------------------------------------------------------------

function loadSettings() {
  try {
    const saved = JSON.parse(localStorage.getItem(settingsKey) ?? '{}');
    if (typeof saved.temperature === 'number') {
      ui.temperature.value = saved.temperature;
    }
    if (typeof saved.maxTokens === 'number') {
      ui.maxTokens.value = saved.maxTokens;
    }
  } catch {
    // Unreadable settings: keep the defaults.
  }
}

function saveSettings() {
  localStorage.setItem(settingsKey, JSON.stringify({
    temperature: Number(ui.temperature.value), maxTokens: Number(ui.maxTokens.value), model: ui.model.value,
  }));
}

// ---- API key ----------------------------------------------------------------------------------------------

/** Runs an API call; on 401 asks for the key (kept for this tab) and tries again. */
async function withKey(call) {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) {
        throw error;
      }
      await askForKey();
    }
  }
}

function askForKey() {
  return new Promise((resolve, reject) => {
    ui.keyInput.value = '';
    ui.keyForm.onsubmit = () => {
      setApiKey(ui.keyInput.value.trim());
      resolve();
    };
    // Escape closes the dialog: the call fails with a message, and the next Send asks again.
    ui.keyDialog.oncancel = () => reject(new Error('This server needs an API key.'));
    if (!ui.keyDialog.open) {
      ui.keyDialog.showModal();
    }
    ui.keyInput.focus();
  });
}

// ---- models -----------------------------------------------------------------------------------------------

async function loadModels() {
  try {
    const models = await withKey(listModels);
    let saved;
    try {
      saved = JSON.parse(localStorage.getItem(settingsKey) ?? '{}').model;
    } catch {
      saved = undefined;
    }
    ui.model.replaceChildren(...models.map(id => {
      const option = document.createElement('option');
      option.value = id;
      option.textContent = id;
      return option;
    }));
    if (models.includes(saved)) {
      ui.model.value = saved;
    }
    hideBanner();
  } catch (error) {
    showBanner(`Could not list the models: ${error.message}`);
    if (error instanceof ApiError && error.status === 503) {
      // The model is still loading (or the server is restarting): try again shortly.
      setTimeout(loadModels, 1000);
    }
  }
}

function showBanner(text) {
  ui.banner.textContent = text;
  ui.banner.hidden = false;
}

function hideBanner() {
  ui.banner.hidden = true;
}

// ---- attachments ------------------------------------------------------------------------------------------

function kindOf(type) {
  for (const kind of ['image', 'audio', 'video']) {
    if (type.startsWith(`${kind}/`)) {
      return kind;
    }
  }
  return null;
}

function readDataUrl(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

async function attachFiles(files) {
  for (const file of files) {
    const kind = kindOf(file.type);
    if (!kind) {
      showBanner(`${file.name || 'That file'} is not an image, audio or video file (${file.type || 'unknown type'}).`);
      continue;
    }
    const name = file.name || `pasted-${kind}`;
    state.pending.push({ kind, name, mime: file.type, dataUrl: await readDataUrl(file) });
  }
  renderPending();
}

function renderPending() {
  ui.attachments.replaceChildren(...state.pending.map((attachment, index) => {
    const item = document.createElement('li');
    item.className = `attachment ${attachment.kind}`;
    item.append(mediaPreview(attachment));
    const name = document.createElement('span');
    name.className = 'attachment-name';
    name.textContent = attachment.name;
    name.title = attachment.name;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'remove';
    remove.textContent = '×';
    remove.setAttribute('aria-label', `Remove ${attachment.name}`);
    remove.onclick = () => {
      state.pending.splice(index, 1);
      renderPending();
    };
    item.append(name, remove);
    return item;
  }));
}

function mediaPreview(attachment) {
  if (!attachment.dataUrl) {
    const missing = document.createElement('span');
    missing.className = 'media-missing';
    missing.textContent = `${attachment.kind} not kept in this browser`;
    return missing;
  }
  const tag = attachment.kind === 'image' ? 'img' : attachment.kind;
  const media = document.createElement(tag);
  media.src = attachment.dataUrl;
  if (tag === 'img') {
    media.alt = attachment.name;
  } else {
    media.controls = true;
    media.preload = 'metadata';
  }
  return media;
}

// ---- conversations ----------------------------------------------------------------------------------------

function currentConversation() {
  if (!state.current) {
    state.current = newConversation();
    state.conversations.unshift(state.current);
  }
  return state.current;
}

function persist() {
  if (!saveConversations(state.conversations)) {
    showBanner('This browser\'s storage is full: the conversation is not saved.');
  }
}

function renderConversationList() {
  ui.conversations.replaceChildren(...state.conversations.map(conversation => {
    const item = document.createElement('li');
    item.classList.toggle('active', conversation === state.current);
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'conversation';
    open.textContent = conversation.title;
    open.title = conversation.title;
    open.onclick = () => openConversation(conversation);
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'remove';
    remove.textContent = '×';
    remove.setAttribute('aria-label', `Delete ${conversation.title}`);
    remove.onclick = () => deleteConversation(conversation);
    item.append(open, remove);
    return item;
  }));
}

function openConversation(conversation) {
  if (state.controller) {
    state.controller.abort();
  }
  state.current = conversation;
  renderMessages();
  renderConversationList();
  ui.sidebar.classList.remove('open');
  ui.toggleSidebar.setAttribute('aria-expanded', 'false');
}

function deleteConversation(conversation) {
  state.conversations = state.conversations.filter(c => c !== conversation);
  if (state.current === conversation) {
    if (state.controller) {
      state.controller.abort();
    }
    state.current = null;
    renderMessages();
  }
  persist();
  renderConversationList();
}

function renderMessages() {
  const messages = state.current?.messages ?? [];
  ui.messages.replaceChildren(ui.empty, ...messages.map(messageView));
  ui.empty.hidden = messages.length > 0;
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

function messageView(message) {
  const view = document.createElement('article');
  view.className = `message ${message.role}`;
  if (message.attachments?.length) {
    const media = document.createElement('div');
    media.className = 'message-media';
    for (const attachment of message.attachments) {
      const figure = document.createElement('figure');
      figure.append(mediaPreview(attachment));
      const caption = document.createElement('figcaption');
      caption.textContent = attachment.name;
      figure.append(caption);
      media.append(figure);
    }
    view.append(media);
  }
  const body = document.createElement('div');
  body.className = 'message-body';
  view.append(body);
  fillBody(body, message);
  const meta = document.createElement('div');
  meta.className = 'message-meta';
  view.append(meta);
  fillMeta(meta, message);
  return view;
}

function fillBody(body, message) {
  if (message.role === 'assistant') {
    body.replaceChildren(renderMarkdown(message.text ?? ''));
  } else {
    body.textContent = message.text ?? '';
  }
  if (message.error) {
    const error = document.createElement('p');
    error.className = 'error';
    error.setAttribute('role', 'alert');
    error.textContent = message.error;
    body.append(error);
  }
}

function fillMeta(meta, message) {
  const parts = [];
  const usage = message.usage;
  if (usage) {
    const details = usage.prompt_tokens_details ?? {};
    const byModality = ['text', 'image', 'audio']
      .filter(kind => typeof details[`${kind}_tokens`] === 'number')
      .map(kind => `${kind} ${details[`${kind}_tokens`]}`);
    parts.push(`prompt ${usage.prompt_tokens}${byModality.length ? ` (${byModality.join(' · ')})` : ''}`);
    if (typeof details.cached_tokens === 'number') {
      parts.push(`cached ${details.cached_tokens}`);
    }
    parts.push(`${usage.completion_tokens} generated`);
  }
  if (typeof message.ttftMs === 'number') {
    parts.push(`first token ${Math.round(message.ttftMs)} ms`);
  }
  if (typeof message.tokensPerSecond === 'number') {
    parts.push(`${message.tokensPerSecond.toFixed(1)} tok/s`);
  }
  if (message.stopped) {
    parts.push('stopped');
  } else if (message.finish === 'length') {
    parts.push('cut at max tokens');
  }
  meta.textContent = parts.join(' · ');
  meta.hidden = parts.length === 0;
}

// ---- sending ----------------------------------------------------------------------------------------------

function toContent(message) {
  if (message.role === 'assistant') {
    return message.text ?? '';
  }
  const parts = [];
  for (const attachment of message.attachments ?? []) {
    if (!attachment.dataUrl) {
      parts.push({ type: 'text', text: `[${attachment.kind} ${attachment.name} is no longer available]` });
    } else if (attachment.kind === 'image') {
      parts.push({ type: 'image_url', image_url: { url: attachment.dataUrl } });
    } else if (attachment.kind === 'audio') {
      parts.push({ type: 'audio_url', audio_url: { url: attachment.dataUrl } });
    } else {
      parts.push({ type: 'video_url', video_url: { url: attachment.dataUrl } });
    }
  }
  if (message.text) {
    parts.push({ type: 'text', text: message.text });
  }
  return parts;
}

/** The turns to send back: a question whose answer failed with nothing written stays on screen but is left out. */
function answeredTurns(messages) {
  const turns = [];
  for (let i = 0; i < messages.length; i++) {
    const next = messages[i + 1];
    if (messages[i].role === 'user' && next?.role === 'assistant' && next.error && !next.text) {
      i++;
      continue;
    }
    turns.push(messages[i]);
  }
  return turns;
}

async function send() {
  const text = ui.prompt.value.trim();
  if (state.controller || (!text && state.pending.length === 0)) {
    return;
  }
  if (!ui.model.value) {
    await loadModels();
    if (!ui.model.value) {
      return;
    }
  }
  hideBanner();
  const conversation = currentConversation();
  const user = { role: 'user', text, attachments: state.pending };
  if (conversation.messages.length === 0) {
    conversation.title = (text || state.pending.map(a => a.name).join(', ')).slice(0, 60);
  }
  const history = answeredTurns(conversation.messages);
  conversation.messages.push(user);
  const answer = { role: 'assistant', text: '' };
  conversation.messages.push(answer);
  state.pending = [];
  ui.prompt.value = '';
  autosize();
  renderPending();
  renderMessages();
  renderConversationList();
  persist();

  const view = ui.messages.lastElementChild;
  view.classList.add('streaming');
  const body = view.querySelector('.message-body');
  const meta = view.querySelector('.message-meta');
  const maxTokens = Number(ui.maxTokens.value);
  const request = {
    model: ui.model.value,
    messages: [...history, user].map(m => ({ role: m.role, content: toContent(m) })),
    temperature: Number(ui.temperature.value),
    ...(maxTokens > 0 ? { max_tokens: maxTokens } : {}),
  };

  setBusy(true);
  const started = performance.now();
  let firstToken = null;
  try {
    const result = await withKey(() => {
      state.controller = new AbortController();
      return streamChat(request, state.controller.signal, piece => {
        firstToken ??= performance.now();
        answer.text += piece;
        fillBody(body, answer);
        ui.messages.scrollTop = ui.messages.scrollHeight;
      });
    });
    answer.usage = result.usage;
    answer.finish = result.finish;
  } catch (error) {
    if (error.name === 'AbortError') {
      answer.stopped = true;
    } else {
      answer.error = error.message;
    }
  } finally {
    const ended = performance.now();
    if (firstToken !== null) {
      answer.ttftMs = firstToken - started;
      const generated = answer.usage?.completion_tokens;
      if (generated > 1 && ended > firstToken) {
        answer.tokensPerSecond = (generated - 1) / ((ended - firstToken) / 1000);
      }
    }
    state.controller = null;
    setBusy(false);
    view.classList.remove('streaming');
    fillBody(body, answer);
    fillMeta(meta, answer);
    persist();
    ui.prompt.focus();
  }
}

function setBusy(busy) {
  ui.send.hidden = busy;
  ui.stop.hidden = !busy;
  document.body.classList.toggle('busy', busy);
}

function autosize() {
  ui.prompt.style.height = 'auto';
  ui.prompt.style.height = `${Math.min(ui.prompt.scrollHeight, 200)}px`;
}

// ---- recording --------------------------------------------------------------------------------------------

async function toggleRecording() {
  if (state.recorder) {
    const recorder = state.recorder;
    state.recorder = null;
    ui.record.setAttribute('aria-pressed', 'false');
    ui.record.classList.remove('recording');
    clearInterval(state.recordTimer);
    ui.recordTime.hidden = true;
    const recorded = recorder.seconds();
    const wav = await recorder.stop();
    if (recorded === 0) {
      showBanner('Nothing was recorded: the microphone sent no sound.');
      return;
    }
    const stamp = new Date().toTimeString().slice(0, 8).replaceAll(':', '');
    state.pending.push({ kind: 'audio', name: `recording-${stamp}.wav`, mime: 'audio/wav', dataUrl: await readDataUrl(wav) });
    renderPending();
    return;
  }
  try {
    const recorder = await startRecording();
    state.recorder = recorder;
    ui.record.setAttribute('aria-pressed', 'true');
    ui.record.classList.add('recording');
    const showTime = () => {
      const seconds = Math.floor(recorder.seconds());
      ui.recordTime.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    };
    showTime();
    ui.recordTime.hidden = false;
    state.recordTimer = setInterval(showTime, 250);
  } catch (error) {
    showBanner(`The microphone is not available: ${error.message}`);
  }
}

// ---- wiring -----------------------------------------------------------------------------------------------

function wire() {
  ui.composer.addEventListener('submit', event => {
    event.preventDefault();
    send();
  });
  ui.prompt.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
  ui.prompt.addEventListener('input', autosize);
  ui.stop.addEventListener('click', () => state.controller?.abort());
  document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && state.controller && !ui.keyDialog.open) {
      state.controller.abort();
    }
  });
  ui.file.addEventListener('change', async () => {
    await attachFiles([...ui.file.files]);
    ui.file.value = '';
  });
  ui.newChat.addEventListener('click', () => {
    state.current = null;
    renderMessages();
    renderConversationList();
    ui.prompt.focus();
  });
  document.querySelector('main').addEventListener('click', event => {
    // On a phone the conversation list covers the page; a tap beside it closes it.
    if (ui.sidebar.classList.contains('open') && !ui.toggleSidebar.contains(event.target)) {
      ui.sidebar.classList.remove('open');
      ui.toggleSidebar.setAttribute('aria-expanded', 'false');
    }
  });
  ui.toggleSidebar.addEventListener('click', () => {
    const open = ui.sidebar.classList.toggle('open');
    ui.toggleSidebar.setAttribute('aria-expanded', String(open));
  });
  ui.temperature.addEventListener('change', saveSettings);
  ui.maxTokens.addEventListener('change', saveSettings);
  ui.model.addEventListener('change', saveSettings);

  document.addEventListener('paste', event => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length > 0) {
      event.preventDefault();
      attachFiles(files);
    }
  });
  let dragDepth = 0;
  document.addEventListener('dragenter', event => {
    if (event.dataTransfer?.types.includes('Files')) {
      dragDepth++;
      ui.dropOverlay.hidden = false;
    }
  });
  document.addEventListener('dragleave', () => {
    dragDepth = Math.max(0, dragDepth - 1);
    ui.dropOverlay.hidden = dragDepth > 0;
  });
  document.addEventListener('dragover', event => event.preventDefault());
  document.addEventListener('drop', event => {
    event.preventDefault();
    dragDepth = 0;
    ui.dropOverlay.hidden = true;
    attachFiles([...(event.dataTransfer?.files ?? [])]);
  });

  if (canRecord()) {
    ui.record.hidden = false;
    ui.record.addEventListener('click', toggleRecording);
  }
}

loadSettings();
wire();
state.current = state.conversations[0] ?? null;
renderConversationList();
renderMessages();
loadModels();
