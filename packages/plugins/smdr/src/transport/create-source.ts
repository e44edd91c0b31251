import { LineSplitter } from '@callwire/plugin-kit';
import type { SmdrOptions } from '../options.js';
import type { LineHandler, RecordSource, SourceContext, SplitterFactory } from './record-source.js';
import { SerialSource } from './serial-source.js';
import { TcpClientSource } from './tcp-client-source.js';
import { TcpListenSource } from './tcp-listen-source.js';

/** A new line splitter per connection, as the options' lineEnding, encoding and maxLineLength say. */
export function lineSplitterFor(options: Pick<SmdrOptions, 'lineEnding' | 'encoding' | 'maxLineLength'>): SplitterFactory {
  const { lineEnding, encoding, maxLineLength } = options;
  return () => new LineSplitter({ lineEnding, encoding, maxLineLength });
}

/** The source the options' `serial` or `tcp` section describes. */
export function createSource(options: SmdrOptions, onLine: LineHandler, context: SourceContext): RecordSource {
  const splitter = lineSplitterFor(options);
  const { reconnect } = options;
  if (options.serial) return new SerialSource(options.serial, splitter, onLine, context, reconnect);
  const tcp = options.tcp!;
  const keepAliveMs = tcp.keepAliveSeconds * 1000;
  if (tcp.connect) {
    const { host, port, login, connectTimeoutSeconds } = tcp.connect;
    return new TcpClientSource({ host, port, login, connectTimeoutMs: connectTimeoutSeconds * 1000, keepAliveMs }, splitter, onLine, context, reconnect);
  }
  const { host, port, allow } = tcp.listen!;
  return new TcpListenSource({ host, port, allow, keepAliveMs }, splitter, onLine, context, reconnect);
}
