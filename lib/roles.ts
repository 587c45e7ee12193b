// Roles and what each one is for; shared by the server (authorization) and the UI (navigation).
export const ROLES = ['admin', 'data_scientist', 'approver', 'risk_reviewer', 'ops', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  data_scientist: 'Data scientist',
  approver: 'Approver',
  risk_reviewer: 'Risk reviewer',
  ops: 'Ops',
  auditor: 'Auditor',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Manages people, roles and policies.',
  data_scientist: 'Registers models and versions and asks for releases.',
  approver: 'Business stakeholder who approves or rejects releases.',
  risk_reviewer: 'Reviews model risk and signs off high-risk releases.',
  ops: 'Watches deployed models and works drift alerts.',
  auditor: 'Reads everything, including the audit trail; changes nothing.',
};
