// Row ids for rows written in raw SQL, in the form Prisma's @default(cuid())
// gives the rest (cuid v1: "c", the time, a counter, this process, random),
// so ids from both paths look alike and sort by time within a process, which
// pages ordered by (time, id) rely on to break ties.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

const BASE = 36;
const BLOCK = 4;
const BLOCK_SIZE = BASE ** BLOCK;

const pad = (value: number, size: number) => value.toString(BASE).padStart(size, "0").slice(-size);

const fingerprint =
  pad(process.pid, 2) +
  pad(
    [...hostname()].reduce((sum, char) => sum + char.charCodeAt(0), hostname().length + BASE),
    2,
  );

let counter = 0;

// Random bytes taken a pool at a time (one call to the system per 512 ids).
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomBlock(): string {
  if (used === pool.length) {
    randomBytes(pool.length).copy(pool);
    used = 0;
  }
  const value = pool.readUInt32BE(used);
  used += 4;
  return pad(value % BLOCK_SIZE, BLOCK);
}

/** A new cuid-style id (25 characters). */
export function newId(): string {
  counter = (counter + 1) % BLOCK_SIZE;
  return `c${pad(Date.now(), 8)}${pad(counter, BLOCK)}${fingerprint}${randomBlock()}${randomBlock()}`;
}
