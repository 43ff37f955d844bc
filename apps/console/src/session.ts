import { createContext, useContext } from 'react';
import type { User } from './api';

export const SessionContext = createContext<User | null>(null);

/** The signed-in user; pages render only inside a session. */
export function useUser(): User {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useUser outside a session');
  return user;
}

export function useIsAdmin(): boolean {
  return useUser().role === 'admin';
}
