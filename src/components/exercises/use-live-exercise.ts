import { useEffect, useMemo } from 'react';
import { ExerciseConnection, type SocketLike } from '../../client/exercises/connection.ts';
import {
  createExerciseStore,
  type ExercisePageData,
  type ExerciseStore,
} from '../../client/exercises/exercise-store.ts';

/** A store fed by a live exercise socket at `path`, opened while the component is mounted. */
export function useLiveExercise(
  data: ExercisePageData | null,
  path: (exerciseId: string) => string,
): { store: ExerciseStore; connection: ExerciseConnection } | null {
  const wiring = useMemo(() => {
    if (data === null) return null;
    const url = new URL(path(data.exerciseId), location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    let connection: ExerciseConnection | null = null;
    const store = createExerciseStore(data, (command) => {
      if (connection === null) return Promise.resolve({ ok: false, reason: 'not connected yet' });
      return connection.send(command);
    });
    connection = new ExerciseConnection(() => new WebSocket(url) as unknown as SocketLike, {
      onEntry: (entry) => store.getState().applyEntry(entry),
      onFrame: (frame) => store.getState().applyFrame(frame),
      onStatus: (status) => store.getState().setStatus(status),
    });
    return { store, connection };
  }, [data, path]);
  useEffect(() => {
    if (wiring === null) return;
    wiring.connection.start();
    return () => wiring.connection.close();
  }, [wiring]);
  return wiring;
}
