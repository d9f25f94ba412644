// A cursor is opaque to clients: a versioned, encoded trust and position.

export function encodeCursor(trustId: string, seq: number): string {
  return Buffer.from(`live1:${trustId}:${seq}`, "utf8").toString("base64url");
}

/** The trust and position a cursor names, or null when it is not one of ours. */
export function decodeCursor(cursor: string): { trustId: string; seq: number } | null {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^live1:([^:]{1,100}):(\d{1,15})$/.exec(text);
  return match ? { trustId: match[1]!, seq: Number(match[2]) } : null;
}
