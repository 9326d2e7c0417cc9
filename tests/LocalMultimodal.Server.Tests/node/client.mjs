// Drives a running LocalMultimodal server with the official `openai` npm package.
// Usage: LMM_BASE_URL=http://127.0.0.1:PORT/v1 LMM_MEDIA_URL=http://127.0.0.1:PORT2 LMM_MODEL=name node client.mjs
// Prints one JSON line per scenario and exits non-zero when any scenario fails.
import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { runScenarios } from './scenarios.mjs';

const { LMM_BASE_URL: baseURL, LMM_MEDIA_URL: mediaUrl, LMM_MODEL: model } = process.env;
assert.ok(baseURL && mediaUrl && model, 'set LMM_BASE_URL, LMM_MEDIA_URL and LMM_MODEL');

const client = new OpenAI({ baseURL, apiKey: process.env.LMM_API_KEY ?? 'unused', maxRetries: 0, timeout: 60_000 });
const base64Of = async (file) => Buffer.from(await (await fetch(`${mediaUrl}/${file}`)).arrayBuffer()).toString('base64');
const image = (url) => ({ type: 'image_url', image_url: { url } });
const ask = (...content) => client.chat.completions.create({
  model, max_tokens: 8, temperature: 0, messages: [{ role: 'user', content }],
});

const scenarios = {
  async imageByDataUrl() {
    const answer = await ask({ type: 'text', text: 'What colour?' }, image(`data:image/png;base64,${await base64Of('red.png')}`));
    assert.equal(answer.choices[0].message.role, 'assistant');
    assert.equal(answer.usage.prompt_tokens_details.image_tokens, 16);
    return answer.usage;
  },
  async imageByHttpUrl() {
    const answer = await ask(image(`${mediaUrl}/blue.png`), { type: 'text', text: 'And this?' });
    assert.equal(answer.usage.prompt_tokens_details.image_tokens, 16);
    return answer.usage;
  },
  async audioByInputAudio() {
    const answer = await ask({ type: 'input_audio', input_audio: { data: await base64Of('tone.wav'), format: 'wav' } });
    assert.ok(answer.usage.prompt_tokens_details.audio_tokens > 0);
    return answer.usage;
  },
  async multiImage() {
    const answer = await ask(image(`${mediaUrl}/red.png`), { type: 'text', text: 'versus' }, image(`${mediaUrl}/blue.png`));
    assert.equal(answer.usage.prompt_tokens_details.image_tokens, 32);
    return answer.usage;
  },
  async streamWithUsage() {
    const stream = await client.chat.completions.create({
      model, max_tokens: 6, temperature: 0, stream: true, stream_options: { include_usage: true },
      messages: [{ role: 'user', content: [image(`${mediaUrl}/red.png`), { type: 'text', text: 'Stream.' }] }],
    });
    let text = '';
    let usage;
    let finish;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      finish ??= chunk.choices[0]?.finish_reason ?? undefined;
      usage ??= chunk.usage ?? undefined;
    }
    assert.equal(finish, 'length');
    assert.equal(usage.completion_tokens, 6);
    assert.equal(usage.prompt_tokens_details.image_tokens, 16);
    assert.ok(text.length > 0);
    return usage;
  },
  async overImageLimit() {
    const urls = ['red.png', 'blue.png', 'red.png'].map((f) => image(`${mediaUrl}/${f}`));
    try {
      await ask(...urls);
    } catch (error) {
      assert.ok(error instanceof OpenAI.BadRequestError, `expected BadRequestError, got ${error}`);
      assert.equal(error.status, 400);
      assert.equal(error.code, 'too_many_media');
      assert.equal(error.param, 'image');
      assert.equal(error.type, 'invalid_request_error');
      assert.match(error.message, /at most 2/);
      return { status: error.status, code: error.code };
    }
    assert.fail('a prompt over the image limit was answered');
  },
  async jsonSchemaResponse() {
    const answer = await client.chat.completions.create({
      model, max_tokens: 40, temperature: 0,
      messages: [{ role: 'user', content: [image(`${mediaUrl}/red.png`), { type: 'text', text: 'Report the colour.' }] }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'report', strict: true,
          schema: { type: 'object', properties: { colour: { enum: ['red', 'blue'] }, solid: { type: 'boolean' } }, required: ['colour', 'solid'], additionalProperties: false },
        },
      },
    });
    assert.equal(answer.choices[0].finish_reason, 'stop');
    const report = JSON.parse(answer.choices[0].message.content);
    assert.deepEqual(Object.keys(report), ['colour', 'solid']);
    assert.ok(['red', 'blue'].includes(report.colour), `colour ${report.colour}`);
    assert.equal(typeof report.solid, 'boolean');
    return report;
  },
};

await runScenarios(scenarios);
