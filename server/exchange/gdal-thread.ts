import { Worker } from 'node:worker_threads';
import type { GdalReadResult, GdalReadTask, GdalReply, GdalTask } from './gdal-messages.ts';

const WORKER_URL = new URL('./gdal-worker.ts', import.meta.url).href;

/**
 * One GDAL thread per app, started on the first export or import (loading GDAL's WebAssembly
 * takes a few seconds) and kept warm. Conversions take turns on it: GDAL's file system is one
 * per instance. The worker module is TypeScript: the thread registers tsx first, as the server
 * runs under tsx.
 */
export class GdalThread {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (reply: GdalReply) => void; reject: (error: Error) => void }>();

  async convert(task: Omit<GdalTask, 'id'>): Promise<Uint8Array> {
    const reply = await this.send(task);
    if (reply.type !== 'done') throw new Error('GDAL answered a conversion with something else');
    return reply.bytes;
  }

  /** An uploaded file read into GeoJSON (WGS84), with its fields and coordinate system. */
  async read(task: Omit<GdalReadTask, 'id' | 'kind'>): Promise<GdalReadResult> {
    const reply = await this.send({ ...task, kind: 'read' });
    if (reply.type !== 'read') throw new Error('GDAL answered a read with something else');
    return reply.result;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private send(task: Omit<GdalTask, 'id'> | Omit<GdalReadTask, 'id'>): Promise<GdalReply> {
    const id = this.nextId++;
    const worker = this.start();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...task, id });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}); })`, { eval: true });
    worker.unref();
    worker.on('message', (reply: GdalReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      // Idle, the thread must not keep the process alive.
      if (!this.pending.size) worker.unref();
      if (reply.type === 'failed') pending.reject(new Error(`GDAL: ${reply.message}`));
      else pending.resolve(reply);
    });
    const lose = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => lose(error instanceof Error ? error : new Error(String(error))));
    worker.on('exit', (code) => lose(new Error(`the GDAL thread exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
