import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { cp, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { Env } from '../config/env.js';
import { ormConfig, sqliteFile } from '../config/mikro-orm.config.js';
import { uploadDir } from '../modules/photo/photo.service.js';

/** What a backup folder holds, written last: a folder without it is an interrupted backup. */
export interface BackupManifest {
  format: 'hazardloop-backup/1';
  createdAt: string;
  database: 'sqlite' | 'postgresql';
  /** `database.sqlite` (a VACUUM INTO copy) or `database.pgdump` (pg_dump --format=custom). */
  databaseFile: string;
  databaseSha256: string;
  uploads: number;
}

const MANIFEST = 'manifest.json';
const UPLOADS = 'uploads';

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', (error) => fail(new Error(`${command} could not be started: ${error.message}`)));
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${command} failed (exit ${code}): ${errors.trim()}`)),
    );
  });
}

/** A connection to the database without the migrator: a backup reads what is there, whatever version. */
async function withOrm<T>(env: Pick<Env, 'database' | 'logSql'>, work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init(ormConfig(env));
  try {
    return await work(orm);
  } finally {
    await orm.close();
  }
}

/**
 * Copies a live installation into `out` (created; must not hold a backup already): the database
 * as one consistent state (SQLite: `VACUUM INTO`, which reads inside one transaction while the
 * server goes on writing; PostgreSQL: `pg_dump`, one snapshot), then the photos. Photos are copied
 * after the database: every photo the copy's rows name was on disk before its row committed.
 */
export async function backup(env: Env, out: string): Promise<BackupManifest> {
  const target = resolve(out);
  if (existsSync(join(target, MANIFEST))) throw new Error(`${target} already holds a backup; choose a new folder.`);
  await mkdir(target, { recursive: true });
  const kind = env.database.kind;
  const databaseFile = kind === 'sqlite' ? 'database.sqlite' : 'database.pgdump';
  const copy = join(target, databaseFile);
  await rm(copy, { force: true });
  if (kind === 'sqlite') {
    await withOrm(env, (orm) => orm.em.getConnection().execute('vacuum into ?', [copy]));
  } else {
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', copy, env.database.url]);
  }
  const photos = uploadDir(env);
  const uploadsCopy = join(target, UPLOADS);
  await rm(uploadsCopy, { recursive: true, force: true });
  await mkdir(uploadsCopy, { recursive: true });
  if (existsSync(photos)) await cp(photos, uploadsCopy, { recursive: true, force: false, errorOnExist: false });
  const manifest: BackupManifest = {
    format: 'hazardloop-backup/1',
    createdAt: new Date().toISOString(),
    database: kind,
    databaseFile,
    databaseSha256: await sha256Of(copy),
    uploads: (await readdir(uploadsCopy)).length,
  };
  await writeFile(join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Puts a backup back in place of the installation's database and photos; the server must be
 * stopped. SQLite: the copy replaces the file (its old write-ahead log removed); PostgreSQL: the
 * dump is restored into the (empty or replaced) database with `pg_restore --clean`.
 */
export async function restore(env: Env, from: string, { force = false } = {}): Promise<BackupManifest> {
  const source = resolve(from);
  const manifestFile = join(source, MANIFEST);
  if (!existsSync(manifestFile)) throw new Error(`${source} holds no complete backup (no ${MANIFEST}).`);
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as BackupManifest;
  if (manifest.format !== 'hazardloop-backup/1')
    throw new Error(`${source}: unknown backup format ${manifest.format}.`);
  if (manifest.database !== env.database.kind)
    throw new Error(
      `This backup is of a ${manifest.database} database, but DATABASE_URL names ${env.database.kind}; restore it into the same kind.`,
    );
  const copy = join(source, manifest.databaseFile);
  if ((await sha256Of(copy)) !== manifest.databaseSha256)
    throw new Error(`${copy} does not match the SHA-256 in ${MANIFEST}: the backup is damaged.`);

  if (env.database.kind === 'sqlite') {
    const file = sqliteFile(env.database.url);
    if (existsSync(file) && !force)
      throw new Error(`${file} exists; stop the server and pass --force to replace it with the backup.`);
    const staged = `${file}.restoring`;
    await cp(copy, staged);
    for (const path of [`${file}-wal`, `${file}-shm`]) await rm(path, { force: true });
    await rename(staged, file);
  } else {
    if (!force) throw new Error('Restoring replaces every table of DATABASE_URL; stop the servers and pass --force.');
    await run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      '--dbname',
      env.database.url,
      copy,
    ]);
  }

  const photos = uploadDir(env);
  await mkdir(photos, { recursive: true });
  // Photos the backup holds come back; photos uploaded after it stay (no row names them, they expire unattached).
  await cp(join(source, UPLOADS), photos, { recursive: true, force: true });
  return manifest;
}
