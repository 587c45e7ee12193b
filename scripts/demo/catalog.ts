// What the demo catalog holds: three models, their versions (feature sets, network shapes,
// training settings) and the registry metadata that goes with them.
import type { RiskTier, TaskType } from '@/lib/validation/catalog';
import { creditDataset, irisDataset, ltvDataset, PLAN_ORDER, type Dataset } from './datasets';
import type { FeaturePlan } from './preprocess';

export type VersionPlan = {
  version: number;
  /** Markdown: what this version is and how it differs from its parent. */
  description: string;
  /** What changed relative to the parent, one clause (for the model card). */
  change: string;
  features: FeaturePlan[];
  hidden: number[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  l2?: number;
};

export type ModelPlan = {
  slug: 'credit-default-risk' | 'customer-lifetime-value' | 'iris-species';
  name: string;
  description: string;
  ownerTeam: string;
  contact: string;
  taskType: TaskType;
  riskTier: RiskTier;
  tags: { key: string; value: string }[];
  dataset: () => Dataset;
  holdoutShare: number;
  stratify: boolean;
  trainingDatasetName: string;
  referenceDatasetName: string;
  codeRepository: string;
  experimentId: number;
  versions: VersionPlan[];
};

const std = (feature: string): FeaturePlan => ({ feature, kind: 'standardize' });
const minMax = (feature: string): FeaturePlan => ({ feature, kind: 'min_max' });
const oneHot = (dataset: Dataset, feature: string): FeaturePlan => {
  const categories = dataset.features.find((f) => f.name === feature)?.categories;
  if (!categories) throw new Error(`${feature} is not a categorical feature`);
  return { feature, kind: 'one_hot', categories };
};

// The generators are cheap and deterministic; plans refer to them for category lists.
const credit = creditDataset('modelgate-demo/credit-default/2026q3');
const ltv = ltvDataset('modelgate-demo/customer-ltv/2026q3');
const iris = irisDataset();

const CREDIT_NUMERIC = ['age', 'annual_income', 'debt_to_income', 'credit_lines', 'months_employed', 'late_payments_12m'].map(std);
const LTV_NUMERIC = ['tenure_months', 'monthly_spend', 'support_tickets', 'discount_rate'].map(std);
const IRIS_FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];

export const DEMO_PLANS: ModelPlan[] = [
  {
    slug: 'credit-default-risk',
    name: 'Credit default risk',
    description:
      'Estimates the probability that a consumer instalment loan defaults (90+ days past due) within 12 months of origination. ' +
      'Scores feed the **underwriting decision** together with the credit policy rules, so the model is tier **high** under the model risk policy and needs risk review before every release. ' +
      'Trained on the 2026Q3 application snapshot (synthetic demo data).',
    ownerTeam: 'Credit Risk Analytics',
    contact: 'credit-risk-analytics@example.com',
    taskType: 'binary_classification',
    riskTier: 'high',
    tags: [
      { key: 'domain', value: 'consumer-lending' },
      { key: 'use-case', value: 'origination-underwriting' },
      { key: 'regulation', value: 'ECOA / Reg B, SR 11-7' },
      { key: 'framework', value: 'tensorflow.js' },
      { key: 'data', value: 'synthetic' },
    ],
    dataset: () => credit,
    holdoutShare: 0.2,
    stratify: false,
    trainingDatasetName: 'credit_default_train_2026q3.csv',
    referenceDatasetName: 'credit_default_holdout_2026q3.csv',
    codeRepository: 'https://git.example.com/risk/credit-default',
    experimentId: 41,
    versions: [
      {
        version: 1,
        description: 'Baseline: bureau and application numerics plus employment type and home ownership. One hidden layer of 16 units, 15 epochs.',
        change: 'first version',
        features: [...CREDIT_NUMERIC, oneHot(credit, 'employment_type'), oneHot(credit, 'home_ownership')],
        hidden: [16],
        epochs: 15,
        batchSize: 64,
        learningRate: 0.003,
      },
      {
        version: 2,
        description: 'Adds **region** and **loan purpose** (one-hot) after the Q2 portfolio review showed default rates differ by purpose, especially small-business loans. Same network, 25 epochs.',
        change: 'added region and loan_purpose as one-hot features; 25 epochs instead of 15',
        features: [...CREDIT_NUMERIC, oneHot(credit, 'employment_type'), oneHot(credit, 'home_ownership'), oneHot(credit, 'region'), oneHot(credit, 'loan_purpose')],
        hidden: [16],
        epochs: 25,
        batchSize: 64,
        learningRate: 0.003,
      },
      {
        version: 3,
        description: 'Same features as v2; a second hidden layer (32 → 16 units) with L2 weight decay (1e-3) and 30 epochs, to capture the non-linear age and debt-to-income effects.',
        change: 'two hidden layers (32 and 16 units) with L2 1e-3, 30 epochs',
        features: [...CREDIT_NUMERIC, oneHot(credit, 'employment_type'), oneHot(credit, 'home_ownership'), oneHot(credit, 'region'), oneHot(credit, 'loan_purpose')],
        hidden: [32, 16],
        epochs: 30,
        batchSize: 64,
        learningRate: 0.002,
        l2: 1e-3,
      },
    ],
  },
  {
    slug: 'customer-lifetime-value',
    name: 'Customer lifetime value',
    description:
      'Predicts the revenue (USD, after discounts) a subscription account will bring in over the **next 12 months**. ' +
      'Growth uses it to size acquisition and retention budgets per segment and to rank accounts for customer-success outreach; it does not set prices or decide anything about an individual customer on its own.',
    ownerTeam: 'Growth Analytics',
    contact: 'growth-analytics@example.com',
    taskType: 'regression',
    riskTier: 'medium',
    tags: [
      { key: 'domain', value: 'subscriptions' },
      { key: 'use-case', value: 'budget-allocation' },
      { key: 'framework', value: 'tensorflow.js' },
      { key: 'refresh', value: 'quarterly' },
      { key: 'data', value: 'synthetic' },
    ],
    dataset: () => ltv,
    holdoutShare: 0.2,
    stratify: false,
    trainingDatasetName: 'customer_ltv_train_2026q3.csv',
    referenceDatasetName: 'customer_ltv_holdout_2026q3.csv',
    codeRepository: 'https://git.example.com/growth/customer-ltv',
    experimentId: 57,
    versions: [
      {
        version: 1,
        description: 'Baseline on usage and billing features; the plan is encoded as its price rank (ordinal: basic < plus < pro < enterprise). One hidden layer of 16 units.',
        change: 'first version',
        features: [...LTV_NUMERIC, { feature: 'plan', kind: 'ordinal', categories: PLAN_ORDER }],
        hidden: [16],
        epochs: 30,
        batchSize: 64,
        learningRate: 0.01,
      },
      {
        version: 2,
        description: 'Adds the **acquisition channel** and one-hot encodes the plan (retention is not monotone in price rank); two hidden layers (32 → 16) and 40 epochs.',
        change: 'added channel; plan one-hot instead of ordinal; two hidden layers (32 and 16 units), 40 epochs',
        features: [...LTV_NUMERIC, oneHot(ltv, 'plan'), oneHot(ltv, 'channel')],
        hidden: [32, 16],
        epochs: 40,
        batchSize: 64,
        learningRate: 0.01,
      },
    ],
  },
  {
    slug: 'iris-species',
    name: 'Iris species',
    description:
      'Classifies an iris flower as *setosa*, *versicolor* or *virginica* from four measurements of its sepals and petals (Fisher, 1936). ' +
      'It is the onboarding example for new registry users: small enough to evaluate in the browser in a second, with a complete model card and lineage.',
    ownerTeam: 'Data Science Enablement',
    contact: 'ds-enablement@example.com',
    taskType: 'multiclass_classification',
    riskTier: 'low',
    tags: [
      { key: 'domain', value: 'tutorial' },
      { key: 'dataset', value: 'uci-iris' },
      { key: 'framework', value: 'tensorflow.js' },
    ],
    dataset: () => iris,
    holdoutShare: 0.3,
    stratify: true,
    trainingDatasetName: 'iris_train.csv',
    referenceDatasetName: 'iris_holdout.csv',
    codeRepository: 'https://git.example.com/ds-enablement/iris-species',
    experimentId: 3,
    versions: [
      {
        version: 1,
        description: 'Four measurements scaled to [0, 1] (min-max on the training split); one hidden layer of 8 units, 60 epochs.',
        change: 'first version',
        features: IRIS_FEATURES.map(minMax),
        hidden: [8],
        epochs: 60,
        batchSize: 16,
        learningRate: 0.02,
      },
      {
        version: 2,
        description: 'Standardized inputs instead of min-max scaling and a wider hidden layer (16 units), 100 epochs.',
        change: 'standardize instead of min-max; 16 hidden units; 100 epochs',
        features: IRIS_FEATURES.map(std),
        hidden: [16],
        epochs: 100,
        batchSize: 16,
        learningRate: 0.01,
      },
    ],
  },
];
