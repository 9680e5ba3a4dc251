import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { endCookieSession, gql, setUnauthorizedHandler } from './api';
import { graphql } from './gql';

export interface Me {
  id: string;
  displayName: string;
  role: string;
}

interface Session {
  /** A pasted token (demo, development); '' for single sign-on, where an HttpOnly cookie signs in. */
  token: string;
  me: Me;
}

/** Who signed in (the sign-in page asks it for a pasted token, the session after single sign-on). */
export const ME = graphql(`
  query Me {
    me {
      id
      displayName
      role
    }
  }
`);

interface SessionApi {
  session: Session | null;
  /** Why the last session ended, when the hub ended it (shown on the sign-in page). */
  endedReason: 'expired' | null;
  signIn: (session: Session) => void;
  signOut: (reason?: 'expired') => void;
}

// sessionStorage: the token lives as long as the tab, and is not shared with other tabs.
const STORAGE_KEY = 'kim-console-session';

function stored(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(stored);
  const [endedReason, setEndedReason] = useState<'expired' | null>(null);

  const signIn = useCallback((s: Session) => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s));
    setEndedReason(null);
    setSession(s);
  }, []);

  const signOut = useCallback(
    (reason?: 'expired') => {
      const viaCookie = stored()?.token === '';
      sessionStorage.removeItem(STORAGE_KEY);
      // Single sign-on: the hub ends the session, then the provider's own sign-out, when offered.
      if (viaCookie && reason !== 'expired') {
        void endCookieSession().then((url) => {
          if (url) window.location.assign(url);
        });
      }
      // Nothing of the last user's data stays in memory for the next one.
      queryClient.clear();
      setEndedReason(reason ?? null);
      setSession(null);
    },
    [queryClient],
  );

  useEffect(() => {
    // Back from single sign-on: the cookie signs in; ask the hub who that is.
    if (stored()) return;
    let cancelled = false;
    gql('', ME).then(
      ({ data }) => {
        if (!cancelled && (data.me.role === 'coordinator' || data.me.role === 'case-manager')) {
          signIn({ token: '', me: data.me });
        }
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [signIn]);

  useEffect(() => {
    // Only a session the hub stopped accepting has "expired"; a wrong token at sign-in has not.
    setUnauthorizedHandler(() => {
      if (sessionStorage.getItem(STORAGE_KEY)) signOut('expired');
    });
  }, [signOut]);

  const api = useMemo(() => ({ session, endedReason, signIn, signOut }), [session, endedReason, signIn, signOut]);
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession outside SessionProvider');
  return api;
}

/** The signed-in token; pages below the sign-in guard only. */
export function useToken(): string {
  const { session } = useSession();
  if (!session) throw new Error('no session');
  return session.token;
}
