import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import YAML from 'yaml';
import { ConfigError } from './config-error.js';

/**
 * Reads and parses a config file: `.json` with JSON.parse, anything else as
 * YAML (JSON is valid YAML). An empty file, or one holding only comments, is
 * an empty object. Throws ConfigError for a missing or unreadable file and
 * for syntax errors, naming the file and the line.
 */
export function readConfigFile(file: string): unknown {
  const text = readText(file).replace(/^\uFEFF/, '');
  const data = extname(file).toLowerCase() === '.json' ? parseJson(text, file) : parseYaml(text, file);
  return data ?? {};
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw ConfigError.single(`config file not found: ${file}`, file);
    if (code === 'EISDIR') throw ConfigError.single(`config file is a directory: ${file}`, file);
    throw ConfigError.single(`cannot read config file ${file}: ${(error as Error).message}`, file);
  }
}

function parseYaml(text: string, file: string): unknown {
  if (text.trim() === '') return undefined;
  const doc = YAML.parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error) => `${position(text, error.pos[0])}: ${error.message}`);
    throw ConfigError.list(`invalid YAML in ${file}:`, issues, file);
  }
  try {
    return doc.toJS();
  } catch (error) {
    throw ConfigError.list(`invalid YAML in ${file}:`, [(error as Error).message], file);
  }
}

function parseJson(text: string, file: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const reason = message
      .replace(/, (\.\.\.)?".*is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/ \(line \d+ column \d+\)$/, '');
    const offset = jsonErrorOffset(message, text);
    const where = offset === undefined ? '' : `${position(text, offset)}: `;
    throw ConfigError.list(`invalid JSON in ${file}:`, [`${where}${reason}`], file);
  }
}

/**
 * Where JSON.parse failed. Its message carries the position for most errors;
 * for "Unexpected token" it does not, and the YAML parser in JSON mode,
 * which flags the same bad token, gives it instead.
 */
function jsonErrorOffset(message: string, text: string): number | undefined {
  const end = text.trimEnd().length;
  const match = / at position (\d+)/.exec(message);
  if (match) return Math.min(Number(match[1]), end);
  if (/^Unexpected end of JSON input/.test(message)) return end;
  const doc = YAML.parseDocument(text, { schema: 'json', prettyErrors: false });
  return doc.errors[0]?.pos[0];
}

/** `line 3, column 7` for a character offset (both counted from 1). */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `line ${line}, column ${column}`;
}
