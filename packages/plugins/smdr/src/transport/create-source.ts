import type { Logger } from '@callwire/plugin-api';
import { LineSplitter } from '../line-splitter.js';
import type { SmdrOptions } from '../options.js';
import type { LineHandler, RecordSource } from './record-source.js';
import { SerialSource } from './serial-source.js';
import { TcpClientSource } from './tcp-client-source.js';
import { TcpListenSource } from './tcp-listen-source.js';

/** The source the options' `serial` or `tcp` section describes. */
export function createSource(options: SmdrOptions, onLine: LineHandler, log: Logger): RecordSource {
  const { lineEnding, encoding, maxLineLength, retry } = options;
  const splitter = () => new LineSplitter({ lineEnding, encoding, maxLineLength });
  if (options.serial) return new SerialSource(options.serial, splitter, onLine, log, retry);
  const tcp = options.tcp!;
  const keepAliveMs = tcp.keepAliveSeconds * 1000;
  if (tcp.connect) {
    const { host, port, login, connectTimeoutSeconds } = tcp.connect;
    return new TcpClientSource({ host, port, login, connectTimeoutMs: connectTimeoutSeconds * 1000, keepAliveMs }, splitter, onLine, log, retry);
  }
  const { host, port, allow } = tcp.listen!;
  return new TcpListenSource({ host, port, allow, keepAliveMs }, splitter, onLine, log, retry);
}
