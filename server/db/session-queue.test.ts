// Embedded PGlite serves every connection on one session: a client that dies mid-transaction must
// not leave that session aborted (25P02 for everyone) or reserved for it (everyone waits forever).
import net from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';

let pg: EmbeddedPostgres;
let other: postgres.Sql;

// A client written by hand on the wire protocol, so it can die exactly where a test says.
function frame(type: string, body: Buffer) {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
const cstr = (s: string) => Buffer.from(`${s}\0`, 'utf8');
const query = (sql: string) => frame('Q', cstr(sql));
const parse = (sql: string) => frame('P', Buffer.concat([cstr(''), cstr(sql), Buffer.from([0, 0])]));
const bind = () => frame('B', Buffer.concat([cstr(''), cstr(''), Buffer.from([0, 0, 0, 0, 0, 0])]));
const execute = () => frame('E', Buffer.concat([cstr(''), Buffer.from([0, 0, 0, 0])]));

async function rawClient(url: string) {
  const { port } = new URL(url);
  const socket = net.connect(Number(port), '127.0.0.1');
  let received = Buffer.alloc(0);
  socket.on('data', (d) => (received = Buffer.concat([received, d])));
  socket.on('error', () => {});
  await new Promise((r) => socket.once('connect', r));
  const params = Buffer.concat([cstr('user'), cstr('postgres'), cstr('database'), cstr('postgres'), Buffer.from([0])]);
  const startup = Buffer.alloc(8);
  startup.writeInt32BE(8 + params.length, 0);
  startup.writeInt32BE(196608, 4);
  socket.write(Buffer.concat([startup, params]));
  /** Waits until `n` ReadyForQuery messages have arrived in all. */
  const readyCount = () => received.toString('latin1').split('Z\0\0\0\x05').length - 1;
  const until = async (n: number) => {
    while (readyCount() < n) await new Promise((r) => setTimeout(r, 5));
  };
  await until(1);
  return { socket, until, text: () => received.toString('latin1') };
}

beforeAll(async () => {
  pg = await startEmbeddedPostgres();
  other = postgres(pg.url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  await other`create table things (id int primary key)`;
});
afterAll(async () => {
  await other.end({ timeout: 1 });
  await pg.stop();
});

/** What the other connections must be able to do at once: a read, and a write in a transaction. */
async function othersWork(id: number) {
  const [row] = await other`select 1 as one`;
  expect(row?.one).toBe(1);
  await other.begin(async (tx) => {
    await tx`insert into things values (${id})`;
  });
  expect((await other`select count(*)::int as n from things where id = ${id}`)[0]?.n).toBe(1);
}

describe('a connection that dies mid-transaction', () => {
  it('after BEGIN and a failing statement: rolled back, the others go on at once', async () => {
    const dying = await rawClient(pg.url);
    dying.socket.write(query('BEGIN'));
    await dying.until(2);
    dying.socket.write(query('SELECT 1/0'));
    await dying.until(3);
    expect(dying.text()).toContain('division by zero');
    dying.socket.destroy();
    await othersWork(1);
  }, 10_000);

  it('with its BEGIN still running when it went away', async () => {
    const dying = await rawClient(pg.url);
    dying.socket.write(Buffer.concat([query('BEGIN'), query('INSERT INTO things VALUES (100)'), query('SELECT 1/0')]));
    dying.socket.destroy();
    await othersWork(2);
    expect((await other`select count(*)::int as n from things where id = 100`)[0]?.n).toBe(0);
  }, 10_000);

  it('between Parse and Sync of an extended-protocol statement that failed', async () => {
    const dying = await rawClient(pg.url);
    dying.socket.write(Buffer.concat([parse('SELECT 1/0'), bind(), execute()]));
    await new Promise((r) => setTimeout(r, 100));
    dying.socket.destroy();
    await othersWork(3);
  }, 10_000);

  it('a transaction block that no connection owns is rolled back and logged', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await pg.pglite.exec('BEGIN');
    await pg.pglite.exec('SELECT 1/0').catch(() => {});
    await othersWork(4);
    expect(warn.mock.calls.flat().join(' ')).toMatch(/rolled back a transaction block that no connection owned/);
    warn.mockRestore();
  }, 10_000);

  it('another connection never runs inside an open transaction of a live one', async () => {
    const holder = await rawClient(pg.url);
    holder.socket.write(Buffer.concat([query('BEGIN'), query('INSERT INTO things VALUES (200)')]));
    await holder.until(3);
    // The other connection's read waits for the holder's transaction, then sees its committed row.
    const read = other`select count(*)::int as n from things where id = 200`;
    await new Promise((r) => setTimeout(r, 50));
    holder.socket.write(query('COMMIT'));
    await holder.until(4);
    expect((await read)[0]?.n).toBe(1);
    holder.socket.destroy();
  }, 10_000);
});
