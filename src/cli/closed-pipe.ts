/**
 * Writing to stdout / stderr when the reader may have gone: `sas-recette validate … | head -c 100`
 * closes the pipe early, and Node then emits `write EPIPE` as an 'error' event that, unhandled, ends
 * the process with a stack trace. Here a stream whose pipe closed is marked closed once and every later
 * write to it is dropped, silently: the command finishes its work (a run still writes its reports, which
 * are never lost to a closed console) and exits with its own documented code (0 / 1 / 2), which is what
 * a script reads; the reader chose to stop reading, which is not a failure of the command.
 * Hand-written: no library handles this for Node streams (it is the process's own streams' lifecycle).
 */

interface PipeState {
  closed: boolean;
}

const states = new WeakMap<NodeJS.WritableStream, PipeState>();

function stateOf(stream: NodeJS.WritableStream): PipeState {
  let state = states.get(stream);
  if (!state) {
    const s: PipeState = { closed: false };
    state = s;
    states.set(stream, s);
    // EPIPE means the reader has gone; any other write error (disk full behind
    // a redirection…) also ends writing to that stream: there is nowhere left to say it, and a stack
    // trace would hide the command's result.
    stream.on('error', () => {
      s.closed = true;
    });
  }
  return state;
}

/** A writer to `stream` that never throws and drops everything once the stream's reader has gone. */
export function pipeSafeWriter(stream: NodeJS.WritableStream): (text: string) => void {
  const state = stateOf(stream);
  return (text) => {
    if (state.closed) return;
    try {
      stream.write(text);
    } catch {
      state.closed = true; // a synchronous EPIPE (pipes are written synchronously on Linux)
    }
  };
}

/** True once `stream`'s reader has gone (tests, and commands that may stop producing output). */
export function isClosed(stream: NodeJS.WritableStream): boolean {
  return states.get(stream)?.closed ?? false;
}
