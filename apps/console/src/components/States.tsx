import type { ReactNode } from 'react';
import { ApiError } from '../api';
import type { ApiState } from '../useApi';

export function Loading({ text = 'Loading…' }: { text?: string }) {
  return (
    <div className="state state-loading" data-testid="loading">
      {text}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="state state-empty" data-testid="empty">
      {children}
    </div>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <div className="state state-error" data-testid="error" role="alert">
      {code ? <strong>{code}: </strong> : null}
      {message}
    </div>
  );
}

interface AsyncProps<T> {
  state: ApiState<T>;
  /** True when the loaded data has nothing to show. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** Loading, error and empty states of one API read, then its content. */
export function Async<T>({ state, isEmpty, empty = 'Nothing to show yet.', children }: AsyncProps<T>) {
  if (state.data === undefined) {
    if (state.error) return <ErrorBox error={state.error} />;
    return <Loading />;
  }
  if (isEmpty?.(state.data)) return <Empty>{empty}</Empty>;
  return (
    <>
      {/* A failed refresh keeps the last good data but says so. */}
      {state.error ? <ErrorBox error={state.error} /> : null}
      {children(state.data)}
    </>
  );
}
