import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="font-mono text-sm text-muted-foreground">404</p>
      <h1 className="text-xl font-semibold tracking-tight">This page does not exist</h1>
      <p className="max-w-sm text-sm text-muted-foreground">The link may be out of date, or the page may have moved.</p>
      <Link href="/" className={buttonClasses({ variant: 'outline' })}>
        Back to Modelgate
      </Link>
    </main>
  );
}
