import type { Metadata } from 'next';
import { ThemeProvider } from 'next-themes';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { TRPCReactProvider } from '@/components/providers/trpc-provider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Modelgate', template: '%s · Modelgate' },
  description: 'Model registry, approvals, monitoring and audit trail.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The proxy issues a per-request CSP nonce; next-themes' inline script needs it to run.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh bg-background text-foreground antialiased">
        <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
          <TRPCReactProvider>{children}</TRPCReactProvider>
        </ThemeProvider>
      </body>
    </html>
  );
}
