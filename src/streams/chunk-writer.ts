import { once } from "node:events";

/** Text is handed to the stream in pieces of about this many characters. */
const CHUNK = 1 << 16;

/** Buffers text into chunks and hands them to the stream, waiting while it is full. */
export class ChunkWriter {
  private buffer = "";
  private failure: unknown = null;
  bytes = 0;
  private readonly onError = (error: unknown) => (this.failure ??= error);

  constructor(private readonly out: NodeJS.WritableStream) {
    // A stream that fails (say, a closed pipe or a full disk) stops the writer at the next chunk.
    out.on("error", this.onError);
  }

  async add(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = "";
    this.bytes += Buffer.byteLength(chunk);
    if (!this.out.write(chunk)) await once(this.out, "drain");
  }

  close(): void {
    this.out.off("error", this.onError);
  }
}
