// Shared test data: a small credit-application export with the usual blemishes (blank and 'NA'
// cells, a quoted value holding a comma, a constant column, a 0/1 target).
export const CREDIT_CSV = [
  'applicant_id,age,income,term_months,employment,purpose,country,defaulted',
  'A001,34,52000,36,salaried,car,DE,0',
  'A002,45,,36,self-employed,"home, renovation",DE,1',
  'A003,29,38000,36,salaried,education,DE,0',
  'A004,NA,61000,36,salaried,car,DE,0',
  'A005,52,47000,36,retired,"home, renovation",DE,1',
  'A006,40,40000,36,salaried,car,DE,0',
  '',
].join('\n');

/** 50 incomes 1000..50000 plus one stray 'n/a' typed by hand, as the 26th row. */
export function incomesWithStray(count = 50): string {
  const values = Array.from({ length: count }, (_, i) => String((i + 1) * 1000));
  values.splice(25, 0, 'n/a');
  return ['income', ...values].join('\n');
}
