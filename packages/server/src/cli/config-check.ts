import { loadConfig } from '../config/index.js';

/** `callwire config check FILE`: validates and prints what would start; throws ConfigError when invalid. */
export function checkConfig(file: string | undefined): number {
  const config = loadConfig({ file });
  const { server, storage, recordings } = config;
  const lines = [
    `config ${file ?? '(none: defaults)'} is valid`,
    `  XML API      ${server.host}:${server.api.port}`,
    `  web          ${server.host}:${server.web.port}${server.tls ? `, TLS on ${server.tls.port}` : ''}`,
    `  storage      ${storage.driver === 'sqlite' ? `SQLite ${storage.path}` : `PostgreSQL ${redact(storage.url)}`}`,
    `  recordings   ${recordings.path}`,
    `  plugins      ${config.plugins.filter((p) => p.enabled).map((p) => p.id ?? p.use).join(', ') || '(none)'}`,
    `  schedules    ${config.schedules.map((s) => s.name).join(', ') || '(none)'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
