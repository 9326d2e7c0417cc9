// A whole tool round trip with the official `openai` npm package against a server on the built-in demo model:
// the model calls find_paint with the colour it sees, the client sends the tool's result, and the model answers.
// Usage: LMM_BASE_URL=http://127.0.0.1:PORT/v1 LMM_RED_PNG=base64 LMM_BLUE_PNG=base64 node tools.mjs
// Prints one JSON line per scenario and exits non-zero when any scenario fails.
import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { runScenarios } from './scenarios.mjs';

const { LMM_BASE_URL: baseURL, LMM_RED_PNG: redPng, LMM_BLUE_PNG: bluePng } = process.env;
assert.ok(baseURL && redPng && bluePng, 'set LMM_BASE_URL, LMM_RED_PNG and LMM_BLUE_PNG');

const client = new OpenAI({ baseURL, apiKey: 'unused', maxRetries: 0, timeout: 60_000 });
const model = 'localmm-colour-demo';
const palette = ['black', 'white', 'gray', 'red', 'green', 'blue', 'yellow', 'cyan', 'magenta', 'orange', 'purple', 'pink'];
const tools = [{
  type: 'function',
  function: {
    name: 'find_paint',
    description: 'Finds the paint in the catalogue that matches a colour.',
    parameters: { type: 'object', properties: { colour: { type: 'string', enum: palette } }, required: ['colour'] },
  },
}];
const question = (png) => ({
  role: 'user',
  content: [{ type: 'text', text: 'Which paint matches this colour?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } }],
});
const paint = (colour) => JSON.stringify({ paint: `Signal ${colour}` });

const scenarios = {
  async roundTrip() {
    const messages = [question(redPng)];
    const first = await client.chat.completions.create({ model, temperature: 0, max_tokens: 64, messages, tools });
    assert.equal(first.choices[0].finish_reason, 'tool_calls');
    const call = first.choices[0].message.tool_calls[0];
    assert.equal(first.choices[0].message.tool_calls.length, 1);
    assert.equal(call.type, 'function');
    assert.equal(call.function.name, 'find_paint');
    assert.deepEqual(JSON.parse(call.function.arguments), { colour: 'red' });
    messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: paint('red') });
    const second = await client.chat.completions.create({ model, temperature: 0, max_tokens: 64, messages, tools });
    assert.equal(second.choices[0].finish_reason, 'stop');
    assert.equal(second.choices[0].message.content, 'red');
    return { call: call.function, answer: second.choices[0].message.content };
  },
  async streamedRoundTrip() {
    const messages = [question(bluePng)];
    const stream = await client.chat.completions.create({ model, temperature: 0, max_tokens: 64, messages, tools, tool_choice: 'auto', stream: true });
    const calls = [];
    let finish;
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta?.tool_calls ?? []) {
        calls[delta.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } };
        calls[delta.index].id += delta.id ?? '';
        calls[delta.index].function.name += delta.function?.name ?? '';
        calls[delta.index].function.arguments += delta.function?.arguments ?? '';
      }
      finish ??= chunk.choices[0]?.finish_reason ?? undefined;
    }
    assert.equal(finish, 'tool_calls');
    assert.equal(calls.length, 1);
    assert.equal(calls[0].function.name, 'find_paint');
    assert.deepEqual(JSON.parse(calls[0].function.arguments), { colour: 'blue' });
    messages.push({ role: 'assistant', content: null, tool_calls: calls }, { role: 'tool', tool_call_id: calls[0].id, content: paint('blue') });
    const answer = await client.chat.completions.create({ model, temperature: 0, max_tokens: 64, messages, tools, stream: true });
    let text = '';
    for await (const chunk of answer) {
      text += chunk.choices[0]?.delta?.content ?? '';
      assert.equal(chunk.choices[0]?.delta?.tool_calls, undefined);
    }
    assert.equal(text, 'blue');
    return { call: calls[0].function, answer: text };
  },
};

await runScenarios(scenarios);
