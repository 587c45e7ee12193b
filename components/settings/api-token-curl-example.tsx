'use client';
// How to call the API with a token, using this site's own address so it can be pasted as is.
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

export function ApiTokenCurlExample() {
  // The origin is only known in the browser; the server render shows a placeholder.
  const origin = useSyncExternalStore(subscribe, () => window.location.origin, () => 'https://modelgate.example.com');
  const lines = [
    `export MODELGATE_TOKEN=mgt_…   # the token shown once above`,
    ``,
    `# List models`,
    `curl -H "Authorization: Bearer $MODELGATE_TOKEN" ${origin}/api/v1/models`,
    ``,
    `# Upload a new version (model.json + shards, metadata, optional reference data)`,
    `curl -H "Authorization: Bearer $MODELGATE_TOKEN" \\`,
    `  -F files=@model.json -F files=@group1-shard1of1.bin \\`,
    `  -F 'metadata={"outputSchema":{"target":"churned","classLabels":["no","yes"],"positiveClass":"yes"},"metrics":{"auc":0.87}}' \\`,
    `  -F referenceDataset=@reference.csv \\`,
    `  ${origin}/api/v1/models/MODEL_NAME_OR_ID/versions`,
  ];
  return (
    <section aria-labelledby="curl-example-title" className="flex flex-col gap-2">
      <h3 id="curl-example-title" className="text-sm font-semibold">
        Using a token
      </h3>
      <pre data-testid="curl-example" className="overflow-x-auto rounded-lg border border-border bg-muted/50 p-3 font-mono text-xs leading-5">
        <code>{lines.join('\n')}</code>
      </pre>
      <p className="text-xs text-muted-foreground">
        The full API is described at{' '}
        <a href="/api/v1/openapi.json" className="font-medium text-primary hover:underline">
          /api/v1/openapi.json
        </a>
        .
      </p>
    </section>
  );
}
