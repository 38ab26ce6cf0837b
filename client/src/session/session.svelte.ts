import { getContext, setContext } from 'svelte';
import { canEditFacilities, type SessionUser } from '../../../core/accounts/roles.ts';
import { deleteSession, fetchSession, postSession } from './session-api.ts';

/**
 * Who is signed in, as the server says: read from `GET /api/session` at start, changed by
 * signing in and out. The cookie is HttpOnly, so this store never sees a token; it only mirrors
 * the server's answer. What a role may do is decided by the server; the client only hides the
 * controls a role may not use (core/accounts/roles.ts holds the rule both read).
 */
export class Session {
  user = $state.raw<SessionUser | null>(null);
  /** False until the first `GET /api/session` has answered (either way). */
  known = $state(false);
  /** True while the sign-in dialog is open. */
  dialogOpen = $state(false);

  /** Anyone signed in is staff: every role reads the change history of a record. */
  readonly isStaff = $derived(this.user !== null);
  readonly canEditFacilities = $derived(canEditFacilities(this.user));

  async load(signal?: AbortSignal): Promise<void> {
    try {
      this.user = (await fetchSession(signal))?.user ?? null;
    } catch {
      // A server that cannot answer now leaves the reader anonymous; a sign-in will ask again.
      this.user = null;
    } finally {
      this.known = true;
    }
  }

  /** Throws the server's ApiRequestError (401 wrong, 429 too many attempts) for the form to show. */
  async signIn(username: string, password: string): Promise<SessionUser> {
    const { user } = await postSession({ username: username.trim(), password });
    this.user = user;
    this.dialogOpen = false;
    return user;
  }

  async signOut(): Promise<void> {
    try {
      await deleteSession();
    } finally {
      // Whatever the server said, this page no longer acts for the user.
      this.user = null;
    }
  }

  /** A write answered 401: the session ended elsewhere (expired, signed out in another tab). */
  expired(): void {
    this.user = null;
    this.dialogOpen = true;
  }
}

const KEY = Symbol('session');

export function setSession(session: Session): Session {
  return setContext(KEY, session);
}

export function getSession(): Session {
  return getContext<Session>(KEY);
}
