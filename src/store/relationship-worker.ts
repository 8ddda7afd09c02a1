/**
 * Entry of the worker thread that reads relationship files (see parallel-relationships.ts): reads
 * them into a batch and hands it back, its columns transferred rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readRelationshipBatch, transferList, type ByteRange } from './relationship-batch.js';

const { ranges, sourceTexts, progressEvery } = workerData as { ranges: ByteRange[]; sourceTexts: Map<string, string> | undefined; progressEvery: number | undefined };
const batch = await readRelationshipBatch(ranges, { sourceTexts, progressEvery, onProgress: (records) => parentPort!.postMessage({ progress: records }) });
parentPort!.postMessage({ batch }, batch ? transferList(batch) : []);
