import { useCallback, useEffect, useState, type ComponentType } from 'react';
import { ApiError, get, send, setUnauthorizedHandler, type User } from './api';
import { ErrorBox, Loading } from './components/States';
import { AudiencesPage } from './pages/AudiencesPage';
import { FeedsPage } from './pages/FeedsPage';
import { LoginPage } from './pages/LoginPage';
import { ModelsPage } from './pages/ModelsPage';
import { OverviewPage } from './pages/OverviewPage';
import { ProfilesPage } from './pages/ProfilesPage';
import { SegmentsPage } from './pages/SegmentsPage';
import { navigate, useRoute } from './router';
import { SessionContext } from './session';

const PAGES: Array<{ id: string; label: string; component: ComponentType }> = [
  { id: 'overview', label: 'Overview', component: OverviewPage },
  { id: 'segments', label: 'Segments', component: SegmentsPage },
  { id: 'models', label: 'Models', component: ModelsPage },
  { id: 'profiles', label: 'Profiles', component: ProfilesPage },
  { id: 'audiences', label: 'Audiences', component: AudiencesPage },
  { id: 'feeds', label: 'Feeds', component: FeedsPage },
];

type Session =
  { state: 'checking' } | { state: 'out' } | { state: 'in'; user: User } | { state: 'failed'; error: Error };

export function App() {
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const route = useRoute();

  useEffect(() => {
    setUnauthorizedHandler(() => setSession({ state: 'out' }));
    get<{ user: User }>('/auth/me').then(
      ({ user }) => setSession({ state: 'in', user }),
      (error: unknown) =>
        setSession(
          error instanceof ApiError && error.status === 401
            ? { state: 'out' }
            : { state: 'failed', error: error as Error },
        ),
    );
  }, []);

  const signOut = useCallback(async () => {
    try {
      await send('POST', '/auth/logout');
    } finally {
      // Signed out locally even if the gateway did not answer: the cookie is its business.
      setSession({ state: 'out' });
      navigate('login');
    }
  }, []);

  if (session.state === 'checking') return <Loading text="Checking your session…" />;
  if (session.state === 'failed') return <ErrorBox error={session.error} />;
  if (session.state === 'out') {
    return (
      <LoginPage
        onSignedIn={(user) => {
          setSession({ state: 'in', user });
          if (route.page === 'login') navigate('overview');
        }}
      />
    );
  }

  const current = PAGES.find((p) => p.id === route.page) ?? PAGES[0]!;
  const Page = current.component;
  return (
    <SessionContext.Provider value={session.user}>
      <div className="shell">
        <nav className="nav">
          <div className="brand">CDP console</div>
          {PAGES.map((p) => (
            <a
              key={p.id}
              href={`#/${p.id}`}
              data-testid={`nav-${p.id}`}
              className={p.id === current.id ? 'active' : undefined}
            >
              {p.label}
            </a>
          ))}
        </nav>
        <div className="main">
          <header className="topbar">
            <h1>{current.label}</h1>
            <div className="whoami">
              <span data-testid="user-email">{session.user.email}</span>
              <span className={`role role-${session.user.role}`} data-testid="user-role">
                {session.user.role}
              </span>
              <button type="button" data-testid="sign-out" onClick={() => void signOut()}>
                Sign out
              </button>
            </div>
          </header>
          <main className="content">
            {/* Keyed by page so each page starts from a clean state. */}
            <Page key={current.id} />
          </main>
        </div>
      </div>
    </SessionContext.Provider>
  );
}
