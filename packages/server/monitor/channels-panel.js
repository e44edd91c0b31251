import { byDeviceId, line } from './dom.js';
import { childrenNamed, textOf } from './web-api.js';

/** States in which a channel is taken by a recording (CHANNELS' STATE); Idle is free even when a static channel names its device. */
const BUSY_STATES = new Set(['PreparingToRecord', 'Recording', 'FinishRecording']);

/** Whether a CHANNEL block is busy: by its STATE, never by RECORDINGDEVICE (a static channel always names its device). */
export const isBusy = (block) => BUSY_STATES.has(textOf(block, 'STATE'));

/** The channels panel: CHANNELS' blocks grouped by COREIDENT; busy channels outlined, channels in Error marked. */
export function renderChannels(container, result) {
  const byCore = new Map();
  for (const block of childrenNamed(childrenNamed(result, 'CHANNELS')[0] ?? result, 'CHANNEL')) {
    const core = textOf(block, 'COREIDENT');
    if (!byCore.has(core)) byCore.set(core, []);
    byCore.get(core).push(block);
  }
  const sections = [...byCore].sort(([a], [b]) => byDeviceId(a, b)).map(([core, channels]) => {
    const section = document.createElement('section');
    section.className = 'core';
    section.dataset.core = core;
    const heading = document.createElement('h3');
    const busy = channels.filter(isBusy).length;
    const failed = channels.filter((c) => textOf(c, 'STATE') === 'Error').length;
    heading.textContent = `Core ${core} · ${busy} of ${channels.length} busy${failed > 0 ? ` · ${failed} in error` : ''}`;
    const list = document.createElement('ul');
    for (const channel of channels) {
      const item = document.createElement('li');
      const device = textOf(channel, 'RECORDINGDEVICE');
      const state = textOf(channel, 'STATE');
      item.className = isBusy(channel) ? 'channel busy' : state === 'Error' ? 'channel error' : 'channel';
      item.dataset.channel = textOf(channel, 'ID');
      item.dataset.state = state;
      // data-device names the device being recorded; a static channel's own device shows as its label only.
      item.dataset.device = isBusy(channel) ? device : '';
      const title = document.createElement('b');
      title.textContent = `${textOf(channel, 'ID')} ${state}`;
      item.append(title, device || '—');
      item.title = `Last change ${textOf(channel, 'LASTSTATECHANGE') || 'unknown'}`;
      list.append(item);
    }
    section.append(heading, list);
    return section;
  });
  if (sections.length === 0) sections.push(line('No recorder cores are running.', 'core'));
  container.replaceChildren(...sections);
}
