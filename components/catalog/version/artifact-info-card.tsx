// What the server read from the version's files at upload: the ONNX graph's producer, operator sets,
// inputs and outputs (with the raw-feature mapping when it takes one input per feature), TF.js
// stamps, or, for any other format, that the files are stored inert and not runnable in the browser.
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { ArtifactInfo, OnnxValueInfo, RawFeatureInputs } from '@/lib/validation/artifact-info';

export const FORMAT_LABELS: Record<string, string> = {
  'layers-model': 'TensorFlow.js layers model',
  'graph-model': 'TensorFlow.js graph model',
  onnx: 'ONNX',
  opaque: 'Other (stored as is)',
};

const shapeText = (shape: OnnxValueInfo['shape']) => (shape ? `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]` : 'unknown');

function ValueTable({ caption, values }: { caption: string; values: OnnxValueInfo[] }) {
  return (
    <table className="w-full text-sm" data-testid={`onnx-${caption.toLowerCase()}`}>
      <caption className="mb-1 text-left text-xs font-medium text-muted-foreground">{caption}</caption>
      <tbody>
        {values.map((v) => (
          <tr key={v.name} className="border-t border-border">
            <td className="py-1 pr-3 font-mono text-xs">{v.name}</td>
            <td className="py-1 pr-3 text-xs">{v.elemType}</td>
            <td className="py-1 font-mono text-xs">{shapeText(v.shape)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ArtifactInfoCard({ format, info, rawFeatureInputs }: { format: string; info: ArtifactInfo | null; rawFeatureInputs: RawFeatureInputs | null }) {
  if (format === 'opaque') {
    return (
      <Alert variant="warning" title="Not runnable in the browser" data-testid="not-runnable">
        {info?.kind === 'opaque' ? `Detected: ${info.detected}. ` : ''}
        These files are stored byte for byte and never loaded or executed by Modelgate. The version can go through approvals and monitoring; evaluations of it come from uploaded predictions and are marked unverified.
      </Alert>
    );
  }
  if (info?.kind !== 'onnx') return null;
  return (
    <Card data-testid="onnx-info">
      <CardHeader>
        <CardTitle>ONNX graph</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <dl className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm">
          <dt className="text-muted-foreground">Producer</dt>
          <dd data-testid="onnx-producer">{[info.producerName || 'unknown', info.producerVersion].filter(Boolean).join(' ')}</dd>
          <dt className="text-muted-foreground">IR version</dt>
          <dd>{info.irVersion}</dd>
          <dt className="text-muted-foreground">Operator sets</dt>
          <dd data-testid="onnx-opsets">{info.opsets.map((o) => `${o.domain} ${o.version}`).join(', ')}</dd>
          <dt className="text-muted-foreground">Nodes</dt>
          <dd>{info.nodeCount}</dd>
          {info.externalData.length > 0 ? (
            <>
              <dt className="text-muted-foreground">External data</dt>
              <dd className="font-mono text-xs">{info.externalData.join(', ')}</dd>
            </>
          ) : null}
        </dl>
        <div className="grid gap-4 md:grid-cols-2">
          <ValueTable caption="Inputs" values={info.inputs} />
          <ValueTable caption="Outputs" values={info.outputs} />
        </div>
        {rawFeatureInputs ? (
          <p className="text-xs text-muted-foreground" data-testid="raw-feature-inputs">
            Takes raw feature values, one named input per feature ({rawFeatureInputs.map((m) => m.feature).join(', ')}); the graph does its own preprocessing.
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
