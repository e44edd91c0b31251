import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { resolveTarget, TARGET_HELP, TLS_PORT, WEB_PORT } from './api-target.js';
import type { CliCommand } from './cli-command.js';
import { CliError, UsageError } from './cli-errors.js';
import { Progress } from './progress.js';
import { ResultDocument } from './result-document.js';
import { bodyText, getWebApi, type WebApiEndpoint } from './webapi-client.js';

const HELP = `Usage: callwire export --ident ID[,ID…] [--format FORMAT] [--out DIR]
                       [--config FILE] [--host HOST] [--web-port PORT] [--https] [--user NAME]

Downloads recordings through the WebAPI's EXPORT function, one file per
recording ident (the RECORDID of the recording events), into DIR:
  /webAPI.aspx?type=export&uniquefield=ident&uniqueid=ID&media_format=FORMAT

Options:
  --ident IDS      the recordings' idents, comma-separated (required)
  --format FORMAT  MEDIA_FORMAT: wav (default), mp3, vox or cav, as the server offers
  --out DIR        where the files go (default: the current directory; made if missing)
${TARGET_HELP}
  --web-port PORT  the web port (default: CALLWIRE_WEB_PORT, else the config's, else 2012)
  --https          use HTTPS (the server's server.tls port, 2013 by default)
  --user NAME      authenticate as NAME (auth.required); the password is read from CALLWIRE_PASSWORD

Each file is named as the server names it, else IDENT.FORMAT. A recording the
server cannot export is reported as one line with its reason, and the others
are still downloaded. Exit status: 0 when every recording was exported, 1
otherwise, 2 for a bad command line.

Example:
  callwire export --ident 1,2,3 --format mp3 --out ./exports`;

/** `callwire export`: recordings to files through the WebAPI. */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'download recordings by ident through the WebAPI (EXPORT) into a folder',
  help: HELP,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        ident: { type: 'string' },
        format: { type: 'string', default: 'wav' },
        out: { type: 'string', default: '.' },
        config: { type: 'string', short: 'c' },
        host: { type: 'string' },
        'web-port': { type: 'string' },
        https: { type: 'boolean' },
        user: { type: 'string' },
      },
    });
    const idents = parseIdents(values.ident);
    const format = values.format.trim().toLowerCase();
    if (!/^[a-z0-9]+$/.test(format)) throw new UsageError(`--format must be a format name such as mp3 or wav, got '${values.format}'`);
    const endpoint: WebApiEndpoint = {
      target: resolveTarget({ config: values.config, host: values.host, port: values['web-port'] }, values.https ? TLS_PORT : WEB_PORT),
      https: values.https === true,
      credentials: credentialsOf(values.user),
    };
    try {
      mkdirSync(values.out, { recursive: true });
    } catch (err) {
      throw new CliError(`cannot create the output folder ${values.out}: ${(err as Error).message}`);
    }

    const progress = new Progress();
    const lines: string[] = [];
    let exported = 0;
    try {
      for (const [i, ident] of idents.entries()) {
        const outcome = await exportOne(endpoint, ident, format, values.out, (bytes, total) =>
          progress.show((i + (total ? bytes / total : 0)) / idents.length, `${i + 1}/${idents.length} ident ${ident} ${sizeText(bytes)}${total ? ` of ${sizeText(total)}` : ''}`),
        );
        progress.show((i + 1) / idents.length, `${i + 1}/${idents.length} ident ${ident}`);
        if ('file' in outcome) {
          exported++;
          lines.push(`ident ${ident}: ${outcome.file} (${sizeText(outcome.bytes)})`);
        } else {
          lines.push(`ident ${ident}: ${outcome.error}`);
        }
      }
    } finally {
      progress.done();
    }
    lines.push(`exported ${exported} of ${idents.length} recording${idents.length === 1 ? '' : 's'} to ${values.out}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return exported === idents.length ? 0 : 1;
  },
};

function parseIdents(list: string | undefined): string[] {
  if (list === undefined || list.trim() === '') throw new UsageError("callwire export needs --ident, such as '--ident 1,2,3'");
  const idents = list.split(',').map((ident) => ident.trim()).filter((ident) => ident !== '');
  const bad = idents.find((ident) => !/^[1-9]\d*$/.test(ident));
  if (bad !== undefined) throw new UsageError(`--ident takes recording idents (positive whole numbers), got '${bad}'`);
  return [...new Set(idents)];
}

/** HTTP Basic credentials for `user` (given as `flag`), the password from CALLWIRE_PASSWORD (never the command line). */
export function credentialsOf(user: string | undefined, flag = '--user'): WebApiEndpoint['credentials'] {
  if (user === undefined) return undefined;
  const password = process.env['CALLWIRE_PASSWORD'];
  if (password === undefined) throw new UsageError(`${flag} needs the password in CALLWIRE_PASSWORD (it is not taken on the command line, where other users could see it)`);
  return { user, password };
}

let requestId = 0;

/** Downloads one recording; a reply that is XML is the server saying why not. */
async function exportOne(
  endpoint: WebApiEndpoint,
  ident: string,
  format: string,
  dir: string,
  onBytes: (bytes: number, total: number | undefined) => void,
): Promise<{ file: string; bytes: number } | { error: string }> {
  const response = await getWebApi(endpoint, { type: 'export', requestid: String(++requestId), uniquefield: 'ident', uniqueid: ident, media_format: format });
  const status = response.statusCode ?? 0;
  if (status === 401 || status === 403) {
    const reason = (await bodyText(response)).trim();
    throw new CliError(`the WebAPI refused the credentials (HTTP ${status}: ${reason}); use --user with CALLWIRE_PASSWORD, and --https from another machine`);
  }
  if (/xml/i.test(response.headers['content-type'] ?? '')) {
    const reply = ResultDocument.parse(await bodyText(response));
    return { error: reply.summary() };
  }
  if (status !== 200) return { error: `HTTP ${status}: ${(await bodyText(response)).trim().split('\n')[0]}` };

  const file = join(dir, fileNameOf(response.headers['content-disposition'], ident, format));
  const partial = `${file}.part`;
  const length = Number(response.headers['content-length']);
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      onBytes(bytes, total);
      done(null, chunk);
    },
  });
  try {
    await pipeline(response, counter, createWriteStream(partial));
    renameSync(partial, file);
  } catch (err) {
    rmSync(partial, { force: true });
    return { error: `the download broke off after ${sizeText(bytes)}: ${(err as Error).message}` };
  }
  return { file, bytes };
}

/** The file name the server gave (Content-Disposition), reduced to a plain name; else IDENT.FORMAT. */
function fileNameOf(disposition: string | undefined, ident: string, format: string): string {
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition ?? '')?.[1];
  let name: string | undefined;
  try {
    name = encoded ? decodeURIComponent(encoded) : plain;
  } catch {
    name = plain;
  }
  // Never a path from the server: only the last segment, without control characters.
  const safe = name ? basename(name.replace(/\\/g, '/')).replace(/[\x00-\x1f\x7f]/g, '').trim() : '';
  return safe && safe !== '.' && safe !== '..' ? safe : `${ident}.${format}`;
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
