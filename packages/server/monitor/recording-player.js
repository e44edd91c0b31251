import { webApiUrl } from './web-api.js';
import { Waveform } from './waveform.js';

/**
 * Plays one recording in the page: its WAV from the WebAPI's EXPORT
 * (UNIQUEFIELD ident), fetched once, decoded for the waveform and handed to
 * the <audio> element as a blob: URL.
 */
export class RecordingPlayer {
  constructor(root) {
    this.root = root;
    this.audio = root.querySelector('audio');
    this.title = root.querySelector('[data-player="title"]');
    this.waveform = new Waveform(root.querySelector('canvas'));
    this.url = undefined;
    this.audio.addEventListener('timeupdate', () => this.waveform.at(this.audio.currentTime * 1000));
    this.audio.addEventListener('ended', () => this.waveform.at(this.waveform.durationMs));
  }

  /** Loads and plays `recording` (an entry of /monitor/api/recordings); rejects with a one-line reason. */
  async play(recording) {
    this.root.hidden = false;
    this.root.dataset.ident = String(recording.ident);
    this.title.textContent = `Recording ${recording.ident} · ${recording.deviceId}${recording.ani ? ` · ${recording.ani} → ${recording.dnis ?? ''}` : ''}`;
    const response = await fetch(webApiUrl('EXPORT', { UNIQUEFIELD: 'ident', UNIQUEID: String(recording.ident), MEDIA_FORMAT: 'wav' }), { credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok || !(response.headers.get('content-type') ?? '').startsWith('audio/')) {
      throw new Error(`EXPORT of recording ${recording.ident}: ${(await response.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200)}`);
    }
    const bytes = await response.arrayBuffer();
    const decoded = await new OfflineAudioContext(1, 1, 8000).decodeAudioData(bytes.slice(0));
    this.waveform.show(decoded, recording.blackouts);
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }));
    this.audio.src = this.url;
    await this.audio.play();
  }
}
