import type { Logger, Timers } from '@callwire/plugin-api';
import type { SipRequestHandler } from './sip-handler.js';
import type { SipTimerValues } from './sip-timer-values.js';
import { SipTransactionLayer } from './sip-transaction-layer.js';
import { SipTcpTransport } from './tcp-transport.js';
import { SipUdpTransport } from './udp-transport.js';

export interface SipServerOptions {
  readonly host: string;
  /** One port for both transports; 0 lets each take a free one. */
  readonly port: number;
  readonly transports: readonly ('udp' | 'tcp')[];
  readonly handler: SipRequestHandler;
  readonly timers: Timers;
  readonly timerValues?: SipTimerValues;
  readonly log?: Pick<Logger, 'warn'>;
  readonly maxMessageBytes?: number;
}

/** A listening SIP UAS: its transports over one transaction layer. */
export interface SipServer {
  readonly layer: SipTransactionLayer;
  readonly udp: SipUdpTransport | undefined;
  readonly tcp: SipTcpTransport | undefined;
  close(): Promise<void>;
}

/** Binds the configured transports and feeds them into one transaction layer. */
export async function startSipServer(options: SipServerOptions): Promise<SipServer> {
  const layer = new SipTransactionLayer(options);
  const udp = options.transports.includes('udp') ? await SipUdpTransport.bind(options.host, options.port, layer, options.log) : undefined;
  let tcp: SipTcpTransport | undefined;
  try {
    if (options.transports.includes('tcp')) tcp = await SipTcpTransport.listen(options.host, options.port, layer, options.log, options.maxMessageBytes);
  } catch (error) {
    await udp?.close();
    throw error;
  }
  return {
    layer,
    udp,
    tcp,
    close: async () => {
      layer.close();
      await Promise.all([udp?.close(), tcp?.close()]);
    },
  };
}
