'use client';
// Email + password sign-in (and single sign-on when configured). Errors from next-auth are shown
// verbatim: the server words them for people, including the rate-limit message with its wait time.
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

// next-auth redirects here with ?error=<code>; these are the codes a person can meet.
const ERROR_MESSAGES: Record<string, string> = {
  CredentialsSignin: 'The email or password is not right.',
  SessionRequired: 'Sign in to continue.',
  AccessDenied: 'Your single sign-on account is not allowed into Modelgate. Ask an administrator to add you, or to enable your account.',
  OAuthSignin: 'Single sign-on could not be started. Try again, or sign in with your password.',
  OAuthCallback: 'Single sign-on did not complete. Try again, or sign in with your password.',
  OAuthAccountNotLinked: 'This email is already used by another sign-in method.',
  Callback: 'Sign-in did not complete. Try again.',
  Configuration: 'Sign-in is not configured correctly. Contact your administrator.',
  Verification: 'This sign-in link is no longer valid.',
};

const GENERIC_ERROR = 'Sign-in did not complete. Try again.';

/** From the URL only known codes are shown, so a crafted link cannot put its own words here. */
function describeErrorCode(code: string): string {
  return ERROR_MESSAGES[code] ?? GENERIC_ERROR;
}

/** From signIn() the server's own sentence (e.g. the rate-limit wait) is shown as is. */
function describeSignInResult(error: string): string {
  return ERROR_MESSAGES[error] ?? error;
}

type Props = { callbackUrl: string; ssoEnabled: boolean; ssoName: string; initialError: string | null };

export function SignInForm({ callbackUrl, ssoEnabled, ssoName, initialError }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError ? describeErrorCode(initialError) : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
      });
      if (!result || result.error) {
        setError(result?.error ? describeSignInResult(result.error) : GENERIC_ERROR);
        return;
      }
      router.replace(callbackUrl || '/');
      router.refresh();
    } catch {
      setError('Could not reach Modelgate. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <Card>
      <CardContent className="flex flex-col gap-5 pt-6">
        {error ? <Alert variant="error">{error}</Alert> : null}
        <form onSubmit={onSubmit} className="flex flex-col gap-4">
          <div className="flex flex-col gap-2">
            <Label htmlFor="sign-in-email">Email</Label>
            <Input id="sign-in-email" name="email" type="email" autoComplete="username" required autoFocus />
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor="sign-in-password">Password</Label>
            <Input id="sign-in-password" name="password" type="password" autoComplete="current-password" required />
          </div>
          <Button type="submit" disabled={pending} className="mt-1 w-full">
            {pending ? 'Signing in…' : 'Sign in'}
          </Button>
        </form>
        {ssoEnabled ? (
          <>
            <div className="flex items-center gap-3 text-xs text-muted-foreground" aria-hidden>
              <span className="h-px flex-1 bg-border" />
              or
              <span className="h-px flex-1 bg-border" />
            </div>
            <Button variant="outline" className="w-full" onClick={() => void signIn('oidc', { callbackUrl: callbackUrl || '/' })}>
              Sign in with single sign-on
            </Button>
            {ssoName !== 'Single sign-on' ? <p className="-mt-3 text-center text-xs text-muted-foreground">via {ssoName}</p> : null}
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
