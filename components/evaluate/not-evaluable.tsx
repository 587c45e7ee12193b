// Why a version cannot be evaluated yet: exactly which recorded parts are missing, and a link to
// the version's Schema tab, where they are added (the same words as the server's refusal).
import Link from 'next/link';
import { evaluationRefusal, schemaTabHref, type EvaluationNeed } from '@/lib/evaluation/readiness';

export function NotEvaluable({ modelId, version, missing }: { modelId: string; version: number; missing: EvaluationNeed[] }) {
  const { message, fix } = evaluationRefusal(version, missing);
  return (
    <span data-testid="evaluate-blocker" data-missing={missing.join(' ')}>
      {message} {fix}{' '}
      <Link href={schemaTabHref(modelId, version)} className="font-medium text-primary hover:underline">
        Open the Schema tab of v{version}
      </Link>
    </span>
  );
}
