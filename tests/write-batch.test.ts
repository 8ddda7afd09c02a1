import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { WriteBatch } from '../src/http/write-batch.js';

/** A response that records what was done to it, in order, in a shared log. */
function recordingResponse(name: string, log: string[], options: { destroyed?: boolean; endThrows?: boolean } = {}): ServerResponse {
  const res = {
    destroyed: options.destroyed ?? false,
    writeHead(status: number) {
      log.push(`${name} head ${status}`);
      return res;
    },
    end(body?: string) {
      if (options.endThrows) throw new Error('socket gone');
      log.push(`${name} end ${body ?? ''}`);
      return res;
    },
    destroy() {
      log.push(`${name} destroyed`);
      res.destroyed = true;
      return res;
    },
  };
  return res as unknown as ServerResponse;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('WriteBatch', () => {
  it('sets status and headers at once and writes the bodies of one turn together, in order, at its end', async () => {
    const log: string[] = [];
    const batch = new WriteBatch();
    batch.end(recordingResponse('a', log), 200, {}, 'A');
    batch.end(recordingResponse('b', log), 304, {});
    await Promise.resolve();
    expect(log).toEqual(['a head 200', 'b head 304']);
    await nextTurn();
    expect(log).toEqual(['a head 200', 'b head 304', 'a end A', 'b end ']);
  });

  it('starts a new batch for answers finished in a later turn', async () => {
    const log: string[] = [];
    const batch = new WriteBatch();
    batch.end(recordingResponse('a', log), 200, {}, 'A');
    await nextTurn();
    batch.end(recordingResponse('b', log), 200, {}, 'B');
    await nextTurn();
    expect(log).toEqual(['a head 200', 'a end A', 'b head 200', 'b end B']);
  });

  it('drops an answer whose connection closed and still writes the others when one cannot be written', async () => {
    const log: string[] = [];
    const batch = new WriteBatch();
    const closed = recordingResponse('closed', log);
    batch.end(closed, 200, {}, 'C');
    batch.end(recordingResponse('broken', log, { endThrows: true }), 200, {}, 'X');
    batch.end(recordingResponse('fine', log), 200, {}, 'F');
    (closed as unknown as { destroyed: boolean }).destroyed = true;
    await nextTurn();
    expect(log).toEqual(['closed head 200', 'broken head 200', 'fine head 200', 'broken destroyed', 'fine end F']);
  });
});
