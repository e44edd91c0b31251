import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_VERSION } from '@callwire/core';

/** packages/server, from dist/test/cli. */
const PACKAGE = fileURLToPath(new URL('../../../', import.meta.url));
const REPO = join(PACKAGE, '..', '..');

const git = (...args: string[]) => execFileSync('git', ['-C', REPO, ...args], { encoding: 'utf8' });

/**
 * `npm install` on a fresh clone links each workspace's `bin` into node_modules/.bin before `prepare`
 * builds dist/, and npm leaves out a link whose target does not exist. So the target must be in git, and
 * must find the CLI in dist only when it runs. Running npm ci on a clone takes minutes; this test builds
 * the same layout by hand, in npm's order: the tracked files, node_modules, the .bin link, then dist.
 */
describe('the callwire bin on a fresh clone (the layout npm install makes)', function () {
  this.timeout(30000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'callwire-clone-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("names a bin target that is tracked in git, executable and outside dist/", () => {
    const bin = (JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['callwire'];
    assert.ok(bin !== undefined, 'package.json has a callwire bin');
    assert.doesNotMatch(bin, /^(\.\/)?dist\//, 'dist/ does not exist yet when npm links the bin');
    const staged = git('ls-files', '--stage', '--', join('packages/server', bin)).trim();
    assert.match(staged, /^100755 /, `packages/server/${bin} is tracked in git as an executable file (got '${staged}')`);
  });

  it('runs from a copy of the tracked files: a one-line hint before the build, the version after it', () => {
    const tracked = git('ls-files', '--', 'packages/server').split('\n').filter(Boolean);
    for (const file of tracked) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      cpSync(join(REPO, file), join(dir, file));
    }
    const server = join(dir, 'packages/server');
    symlinkSync(join(REPO, 'node_modules'), join(server, 'node_modules'));
    // What npm does at install time: link node_modules/.bin/callwire to the package's bin.
    const bin = (JSON.parse(readFileSync(join(server, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['callwire']!;
    mkdirSync(join(dir, '.bin'));
    const link = join(dir, '.bin', 'callwire');
    symlinkSync(join(server, bin), link);

    const before = spawnSync(link, ['--version'], { encoding: 'utf8' });
    assert.equal(before.status, 1, before.stderr);
    assert.match(before.stderr, /^callwire: not built yet \(no .*dist\/src\/cli\/main\.js\); run 'npm run build' at the repository root\n$/);

    // What `prepare` (npm run build) does next: dist/ appears beside bin/.
    symlinkSync(join(PACKAGE, 'dist'), join(server, 'dist'));
    const after = spawnSync(link, ['--version'], { encoding: 'utf8' });
    assert.equal(after.status, 0, after.stderr);
    assert.equal(after.stdout, `${CORE_VERSION}\n`);
  });
});
