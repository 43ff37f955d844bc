import { useCallback, useEffect, useRef, useState } from 'react';
import { get, type ApiError } from './api';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * GETs `path` (null: nothing to load yet), again whenever it changes, and every `refreshMs` if set.
 * A refresh keeps the previous data on screen, so polling does not flash the loading state.
 */
export function useApi<T>(path: string | null, refreshMs?: number): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError | Error>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const lastPath = useRef<string | null>(null);

  useEffect(() => {
    if (path === null) {
      setData(undefined);
      setError(undefined);
      setLoading(false);
      return;
    }
    let live = true;
    if (lastPath.current !== path) {
      // A different resource: the old data must not pass for the new one.
      lastPath.current = path;
      setData(undefined);
      setError(undefined);
    }
    setLoading(true);
    get<T>(path).then(
      (result) => {
        if (!live) return;
        setData(result);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(err instanceof Error ? err : new Error(String(err)));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [path, tick]);

  useEffect(() => {
    if (!refreshMs || path === null) return;
    const timer = window.setInterval(() => setTick((t) => t + 1), refreshMs);
    return () => window.clearInterval(timer);
  }, [path, refreshMs]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
