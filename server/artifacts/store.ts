// The artifact store: opaque bytes, content-addressed by SHA-256 and deduplicated. This one keeps
// them in Postgres (chunked), so every app instance shares them with no extra service; a filesystem
// or S3-compatible store can implement the same interface. Nothing here ever interprets the bytes.
import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/server/db/connect';
import { blobChunks, blobs } from '@/server/db/schema';

export interface ArtifactStore {
  /** Stores the bytes (once per distinct content) and returns their digest. */
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number; deduplicated: boolean }>;
  /** The stored bytes, streamed in chunks; null when absent. */
  open(sha256: string): Promise<{ size: number; stream: ReadableStream<Uint8Array> } | null>;
}

const CHUNK = 4 * 1024 * 1024;

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function postgresArtifactStore(db: DbOrTx): ArtifactStore {
  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const inserted = await db.insert(blobs).values({ sha256, size: bytes.byteLength }).onConflictDoNothing().returning({ sha256: blobs.sha256 });
      if (inserted.length === 0) return { sha256, size: bytes.byteLength, deduplicated: true };
      let position = 0;
      for (let offset = 0; offset < bytes.byteLength || position === 0; offset += CHUNK) {
        await db.insert(blobChunks).values({ sha256, position, bytes: bytes.subarray(offset, offset + CHUNK) });
        position += 1;
      }
      return { sha256, size: bytes.byteLength, deduplicated: false };
    },
    async open(sha256) {
      const [blob] = await db.select().from(blobs).where(eq(blobs.sha256, sha256));
      if (!blob) return null;
      const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(blobChunks).where(eq(blobChunks.sha256, sha256));
      const chunks = counted?.n ?? 0;
      let position = 0;
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (position >= chunks) return controller.close();
          const [chunk] = await db
            .select({ bytes: blobChunks.bytes })
            .from(blobChunks)
            .where(and(eq(blobChunks.sha256, sha256), eq(blobChunks.position, position)));
          position += 1;
          if (chunk) controller.enqueue(new Uint8Array(chunk.bytes));
        },
      });
      return { size: Number(blob.size), stream };
    },
  };
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
