import { loadConfig } from '../config/index.js';
import { CallwireHost } from '../host/callwire-host.js';
import { createLogger } from '../host/create-logger.js';

/**
 * `callwire start`: runs until SIGINT or SIGTERM, then stops cleanly. A second
 * signal while stopping exits at once.
 */
export async function startServer(configFile: string | undefined): Promise<number> {
  const config = loadConfig({ file: configFile });
  const log = createLogger(config.log);
  const host = await CallwireHost.start(config, log);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        log.warn(`${signal} again: exiting without a clean stop`);
        process.exit(1);
      }
      stopping = true;
      log.info(`${signal} received: stopping`);
      void host.stop().then(() => resolve(0));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
