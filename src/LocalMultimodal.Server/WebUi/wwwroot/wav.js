// Microphone recording, encoded to 16-bit mono WAV in the page (the server decodes WAV without ffmpeg).

/** True when the browser lets this page ask for the microphone (a secure context such as localhost). */
export function canRecord() {
  return Boolean(window.isSecureContext && navigator.mediaDevices?.getUserMedia && window.AudioContext);
}

/** Starts recording; the returned object's stop() resolves to a WAV Blob. */
export async function startRecording() {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const context = new AudioContext();
  const source = context.createMediaStreamSource(stream);
  // ScriptProcessorNode needs no extra module file (an AudioWorklet would), and it works in every browser.
  const processor = context.createScriptProcessor(4096, 1, 1);
  const mute = context.createGain();
  mute.gain.value = 0;
  const chunks = [];
  let samples = 0;
  processor.onaudioprocess = event => {
    chunks.push(new Float32Array(event.inputBuffer.getChannelData(0)));
    samples += event.inputBuffer.length;
  };
  source.connect(processor);
  processor.connect(mute);
  mute.connect(context.destination);
  return {
    /** Seconds recorded so far. */
    seconds: () => samples / context.sampleRate,
    async stop() {
      processor.disconnect();
      source.disconnect();
      stream.getTracks().forEach(track => track.stop());
      const rate = context.sampleRate;
      await context.close();
      return encodeWav(chunks, rate);
    },
  };
}

/** Encodes mono float chunks in [-1, 1] as a 16-bit PCM WAV Blob. */
export function encodeWav(chunks, sampleRate) {
  const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const buffer = new ArrayBuffer(44 + length * 2);
  const view = new DataView(buffer);
  const ascii = (offset, text) => [...text].forEach((c, n) => view.setUint8(offset + n, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + length * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, length * 2, true);
  let offset = 44;
  for (const chunk of chunks) {
    for (const sample of chunk) {
      const s = Math.max(-1, Math.min(1, sample));
      view.setInt16(offset, s < 0 ? s * 0x8000 : s * 0x7fff, true);
      offset += 2;
    }
  }
  return new Blob([buffer], { type: 'audio/wav' });
}
