// The child's side of the benchmark's IPC: answers the parent's messages, reports failures as
// an `error` message, reports its CPU time and memory, and exits when asked to or when the
// parent goes away. Children import only this side: the parent's side (processes.ts) brings
// the compiler that builds them.

import type { IpcMessage } from "./processes.js";

export function tell(message: IpcMessage): void {
  process.send?.(message);
}

export function answerParent(
  handle: (message: IpcMessage) => Promise<IpcMessage | undefined> | IpcMessage | undefined,
  stop: () => Promise<void> = async () => {},
): void {
  const exit = () => {
    const cut = setTimeout(() => process.exit(0), 3000);
    cut.unref();
    stop().finally(() => process.exit(0));
  };
  process.on("disconnect", exit);
  process.on("message", (message: IpcMessage) => {
    if (message.type === "stop") return exit();
    Promise.resolve(handle(message)).then(
      (answer) => answer && tell(answer),
      (error: unknown) => tell({ type: "error", message: String(error) }),
    );
  });
}

export function failed(error: unknown): never {
  tell({
    type: "error",
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exit(1);
}

/**
 * For the child's side: answers `usage` with its CPU time and RSS, after a full GC (when
 * exposed) if the parent asks for one, so that RSS is not garbage waiting to be collected.
 */
export function usage(message: IpcMessage): IpcMessage {
  if (message.gc === true) (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage();
  return {
    type: "usage",
    cpuUs: cpu.user + cpu.system,
    systemUs: cpu.system,
    rss: process.memoryUsage.rss(),
    // Read only when asked after a collection: memoryUsage() walks the heap's spaces.
    ...(message.gc === true ? { heapUsed: process.memoryUsage().heapUsed } : {}),
  };
}
