/**
 * The files aarm writes where they are named (issue 18): never through a link an agent planted,
 * never into another name of a file such as `~/.bashrc`. Real files in a temporary folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { appendOwnFile, openOwnFile } from '../../daemon/src/state/own-file.js';
import { writePrivateFile } from '../../daemon/src/state/home.js';
import { destinationName } from '../../daemon/src/telemetry/config.js';
import { tempDir } from '../helpers/env.js';

test('own files: a symbolic link or a second hard link is refused, and the file it names is untouched', async () => {
  const temp = tempDir('aarm-own-file-');
  try {
    const victim = join(temp.dir, 'bashrc');
    writeFileSync(victim, 'alias ll="ls -l"\n');
    symlinkSync(victim, join(temp.dir, 'linked.jsonl'));
    linkSync(victim, join(temp.dir, 'hard.jsonl'));
    assert.throws(() => openOwnFile(join(temp.dir, 'linked.jsonl')), /is a symbolic link/);
    assert.throws(() => openOwnFile(join(temp.dir, 'hard.jsonl')), /other hard links/);
    await assert.rejects(appendOwnFile(join(temp.dir, 'linked.jsonl'), '$(evil)\n'), /is a symbolic link/);
    await assert.rejects(appendOwnFile(join(temp.dir, 'hard.jsonl'), '$(evil)\n'), /other hard links/);
    assert.equal(
      readFileSync(victim, 'utf8'),
      'alias ll="ls -l"\n',
      'nothing reached the file behind the links',
    );

    // A plain file is written from its start, and appended to.
    const plain = join(temp.dir, 'audit.jsonl');
    writeFileSync(plain, 'old contents that are longer\n');
    const fd = openOwnFile(plain);
    writeSync(fd, 'new\n');
    closeSync(fd);
    await appendOwnFile(plain, 'more\n');
    assert.equal(readFileSync(plain, 'utf8'), 'new\nmore\n');

    // State files are written through a fresh, exclusive temporary name: a link at a guessable one is not followed.
    symlinkSync(victim, join(temp.dir, `head.json.${process.pid}.tmp`));
    writePrivateFile(join(temp.dir, 'head.json'), '{}\n');
    assert.equal(readFileSync(join(temp.dir, 'head.json'), 'utf8'), '{}\n');
    assert.equal(readFileSync(victim, 'utf8'), 'alias ll="ls -l"\n');
  } finally {
    temp.cleanup();
  }
});

test('own files: a linked folder on the way, a named pipe, a kernel file are refused; a wide mode is narrowed', async () => {
  const temp = tempDir('aarm-own-file-');
  try {
    // An agent links a folder a shell sources (`~/.bashrc.d`) at the name the human exports to.
    const sourced = join(temp.dir, 'bashrc.d');
    mkdirSync(sourced);
    symlinkSync(sourced, join(temp.dir, 'exports'));
    assert.throws(
      () => openOwnFile(join(temp.dir, 'exports', 'audit.jsonl')),
      /folder .*exports.* is a symbolic link/,
    );
    await assert.rejects(
      appendOwnFile(join(temp.dir, 'exports', 'audit.jsonl'), 'x\n'),
      /is a symbolic link/,
    );
    assert.deepEqual(readdirSync(sourced), [], 'nothing was written through the linked folder');

    // A named pipe is refused at once (it would block the open forever).
    execFileSync('mkfifo', [join(temp.dir, 'pipe.jsonl')]);
    assert.throws(() => openOwnFile(join(temp.dir, 'pipe.jsonl')), /named pipe|not a regular file/);

    // /proc files look regular and belong to the user.
    assert.throws(() => openOwnFile('/proc/self/comm'), /kernel file system|is a symbolic link/);
    assert.throws(() => openOwnFile(`/proc/${process.pid}/comm`), /kernel file system/);

    // An existing world-readable file is narrowed to the user's.
    const wide = join(temp.dir, 'wide.jsonl');
    writeFileSync(wide, '');
    chmodSync(wide, 0o666);
    closeSync(openOwnFile(wide));
    assert.equal(statSync(wide).mode & 0o777, 0o600);
  } finally {
    temp.cleanup();
  }
});

test('collector URLs are shown without their credentials (`aarm status` answers agents too)', () => {
  assert.equal(
    destinationName({
      type: 'otlp',
      url: 'https://user:pw@otel.example.com:4318/v1/logs?api_key=s3cr3t&x=1',
    } as never),
    'otlp https://%E2%80%A6@otel.example.com:4318/v1/logs?api_key=%E2%80%A6&x=1',
  );
  assert.doesNotMatch(
    destinationName({ type: 'ocsf', url: 'https://siem.example.com/ingest?token=abc' } as never),
    /abc/,
  );
});
