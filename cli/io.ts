/** The streams a command talks to; injected so commands run in-process in tests. */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

export const processIo: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };

/** Writes text to a stream, adding the final line break the renderers may leave out. */
export function writeText(stream: NodeJS.WritableStream, text: string): void {
  if (text === "") return;
  stream.write(text.endsWith("\n") ? text : text + "\n");
}
