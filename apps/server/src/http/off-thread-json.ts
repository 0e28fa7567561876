import { Worker } from "node:worker_threads";
import type { SlicePlan } from "./json-slices.mjs";
import { checkJsonText, type JsonTextCheck } from "./json-text.mjs";
import type { UnstorableAt } from "./unstorable-text.mjs";

/**
 * A check's result; a big body's also says whether it is JSON at all and how to parse it in slices
 * (sliced-parse.ts): `slices` null when it isn't JSON, absent when the body was small and checked in
 * place; and where it holds text PostgreSQL can't store (`unstorable`: null when nowhere, its path
 * starting at "body"; absent when small).
 */
export type OffThreadCheck =
  | Exclude<JsonTextCheck, { text: string }>
  | (Extract<JsonTextCheck, { text: string }> & { slices?: SlicePlan | null; unstorable?: UnstorableAt | null });

/** Bodies smaller than this are checked in place: a worker round trip would cost more than the check. */
export const OFF_THREAD_MIN_BYTES = 64 * 1024;

interface Pending {
  // What the worker answered: an OffThreadCheck for `check`, a SlicePlan for `plan`.
  resolve(result: never): void;
  reject(error: unknown): void;
}

/**
 * Checks JSON bodies (json-text.mjs: UTF-8, prototype keys, depth) in a worker thread when they
 * are big, and parses them there to know they are JSON and where they hold text PostgreSQL can't
 * store; plans big stored texts' sliced parse there too: on a 9 MB gateway body those passes held
 * the event loop — every other request's — for hundreds of ms (issue 20 item 3, measured by
 * scripts/event-loop-stall.ts). One worker, started
 * on first use, answers in order; it doesn't keep the process alive, and one that dies is started
 * again by the next big body.
 */
export class JsonTextChecker {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  check(bytes: Uint8Array): Promise<OffThreadCheck> {
    if (bytes.length < OFF_THREAD_MIN_BYTES) return Promise.resolve(checkJsonText(bytes));
    // Copied, not transferred: the caller keeps its buffer (the gateway hashes it for Idempotency-Key).
    return this.ask({ bytes });
  }

  /** How to parse a big JSON text that is valid already (one PostgreSQL gave) in slices, planned off the loop. */
  plan(text: string): Promise<SlicePlan> {
    return this.ask({ text });
  }

  private ask<Result>(message: { bytes: Uint8Array } | { text: string }): Promise<Result> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./json-text-worker.mjs", import.meta.url));
    worker.unref();
    worker.on("message", ({ id, result }: { id: number; result: never }) => {
      this.pending.get(id)?.resolve(result);
      this.pending.delete(id);
    });
    worker.on("error", (error) => this.stopped(error));
    worker.on("exit", (code) => this.stopped(new Error(`the JSON check worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private stopped(error: unknown): void {
    this.worker = null;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/** The process's one checker (a worker thread is a few MB; one serves every request). */
export const jsonTextChecker = new JsonTextChecker();
