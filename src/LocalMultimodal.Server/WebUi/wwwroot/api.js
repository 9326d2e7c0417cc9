// The page's only way to the server: the public OpenAI-compatible API, with the API key when one is set.

const keyStorage = 'localmm.apiKey';

/** An HTTP error with the API's own message (the OpenAI error body), its status and code. */
export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function setApiKey(key) {
  sessionStorage.setItem(keyStorage, key);
}

function headers(extra) {
  const key = sessionStorage.getItem(keyStorage);
  return key ? { ...extra, Authorization: `Bearer ${key}` } : extra;
}

async function failure(response) {
  let message = `${response.status} ${response.statusText}`;
  let code;
  try {
    const body = await response.json();
    if (body?.error?.message) {
      message = body.error.message;
      code = body.error.code;
    }
  } catch {
    // Not an OpenAI error body: the status line says what there is to say.
  }
  return new ApiError(message, response.status, code);
}

/** The model ids from /v1/models. */
export async function listModels() {
  const response = await fetch('/v1/models', { headers: headers({}) });
  if (!response.ok) {
    throw await failure(response);
  }
  const body = await response.json();
  return body.data.map(model => model.id);
}

/**
 * Streams a chat completion. onText gets each piece of text; resolves to the usage (or null) and finish reason.
 * Aborting the signal closes the connection, which makes the server free the sequence.
 */
export async function streamChat(request, signal, onText) {
  const response = await fetch('/v1/chat/completions', {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json' }),
    body: JSON.stringify({ ...request, stream: true, stream_options: { include_usage: true } }),
    signal,
  });
  if (!response.ok) {
    throw await failure(response);
  }

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  let usage = null;
  let finish = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    buffered += value;
    let end;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const event = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const data = event.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).trimStart()).join('\n');
      if (!data || data === '[DONE]') {
        continue;
      }
      const chunk = JSON.parse(data);
      if (chunk.error) {
        throw new ApiError(chunk.error.message, 0, chunk.error.code);
      }
      const choice = chunk.choices?.[0];
      if (choice?.delta?.content) {
        onText(choice.delta.content);
      }
      if (choice?.finish_reason) {
        finish = choice.finish_reason;
      }
      if (chunk.usage) {
        usage = chunk.usage;
      }
    }
  }
  return { usage, finish };
}
