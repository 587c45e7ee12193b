// A version at a glance: description, release status, digest, who made it, aliases, and lineage.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Markdown } from '@/components/ui/markdown';
import { AliasBadges } from '../badges';
import { formatBytes, formatDateTime, safeHref, versionHref } from '../format';
import type { VersionDetail } from '../types';
import { ArtifactInfoCard, FORMAT_LABELS } from './artifact-info-card';

function ExternalLink({ href, children }: { href: string | null; children: ReactNode }) {
  if (!href) return <>{children}</>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className="text-primary hover:underline">
      {children}
    </a>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{children}</dd>
    </>
  );
}

export function OverviewTab({ v }: { v: VersionDetail }) {
  const l = v.lineage;
  const repo = safeHref(l.codeRepository);
  const hasLineage = !!(l.trainingDataset || l.codeRepository || l.commit || l.parentVersion || l.trainingRunUrl);
  return (
    <div className="flex flex-col gap-6">
      {v.editedAfterSubmission ? (
        <Alert variant="warning" title="Edited after submission" data-testid="edited-after-submission">
          This version’s metadata was changed after it was submitted for release. Its files and content digest are unchanged; the audit trail records what changed and why.
        </Alert>
      ) : null}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <Card>
          <CardHeader>
            <CardTitle>Description</CardTitle>
          </CardHeader>
          <CardContent>
            <Markdown empty="No description for this version.">{v.description}</Markdown>
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <dl className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-x-3 gap-y-2.5 text-sm">
              <Row label="Status">
                <span data-testid="version-status">{v.submittedAt ? `Submitted for release ${formatDateTime(v.submittedAt)}` : 'Draft: not submitted for release'}</span>
              </Row>
              <Row label="Format">
                <span data-testid="version-format">{FORMAT_LABELS[v.format] ?? v.format}</span>
                {v.format === 'opaque' ? <span className="block text-xs text-muted-foreground">not runnable in the browser</span> : null}
              </Row>
              <Row label="Content digest">
                <code className="font-mono text-xs" data-testid="content-digest">
                  {v.contentDigest}
                </code>
              </Row>
              <Row label="Size">
                {formatBytes(v.totalBytes)} in {v.files.length} files
              </Row>
              <Row label="Created">
                {formatDateTime(v.createdAt)} by {v.createdByName}
              </Row>
              <Row label="Last changed">{formatDateTime(v.updatedAt)}</Row>
              <Row label="Aliases">
                <AliasBadges aliases={v.aliases.map((name) => ({ name }))} />
              </Row>
            </dl>
          </CardContent>
        </Card>
      </div>
      <ArtifactInfoCard format={v.format} info={v.artifactInfo} rawFeatureInputs={v.rawFeatureInputs} />
      <Card>
        <CardHeader>
          <CardTitle>Lineage</CardTitle>
        </CardHeader>
        <CardContent>
          {!hasLineage ? (
            <p className="text-sm text-muted-foreground">No lineage recorded for this version.</p>
          ) : (
            <dl className="grid grid-cols-[9rem_minmax(0,1fr)] gap-x-3 gap-y-2.5 text-sm" data-testid="lineage">
              <Row label="Training dataset">
                {l.trainingDataset ? (
                  <>
                    {l.trainingDataset.name || '(unnamed)'}
                    {l.trainingDataset.sha256 ? <code className="mt-0.5 block font-mono text-xs text-muted-foreground">{l.trainingDataset.sha256}</code> : null}
                  </>
                ) : (
                  '—'
                )}
              </Row>
              <Row label="Code repository">{l.codeRepository ? <ExternalLink href={repo}>{l.codeRepository}</ExternalLink> : '—'}</Row>
              <Row label="Commit">
                {l.commit ? (
                  <ExternalLink href={repo ? `${repo.replace(/\/+$/, '').replace(/\.git$/, '')}/commit/${l.commit}` : null}>
                    <code className="font-mono text-xs">{l.commit}</code>
                  </ExternalLink>
                ) : (
                  '—'
                )}
              </Row>
              <Row label="Parent version">
                {l.parentVersion ? (
                  <Link href={versionHref(v.model.id, l.parentVersion)} className="text-primary hover:underline">
                    v{l.parentVersion}
                  </Link>
                ) : (
                  '—'
                )}
              </Row>
              <Row label="Training run">{l.trainingRunUrl ? <ExternalLink href={safeHref(l.trainingRunUrl)}>{l.trainingRunUrl}</ExternalLink> : '—'}</Row>
            </dl>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
