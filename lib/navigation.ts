// The main navigation and the capability each section needs (from the permission map). Pure data,
// so the shell, the pages' access checks and the tests all read the same rules.
import { can, type Capability } from '@/lib/permissions';

export type NavIcon = 'catalog' | 'approvals' | 'monitoring' | 'evaluate' | 'audit' | 'admin';

export type NavItem = {
  href: string;
  label: string;
  /** One line for the overview page's cards. */
  description: string;
  icon: NavIcon;
  /** What a person needs to use the section (lib/permissions.ts). */
  capability: Capability;
};

const NAV_ITEMS: readonly NavItem[] = [
  {
    href: '/models',
    label: 'Catalog',
    description: 'Registered models, their versions and aliases.',
    icon: 'catalog',
    capability: 'catalog.read',
  },
  {
    href: '/approvals',
    label: 'Approvals',
    description: 'Release requests, reviews and signed decisions.',
    icon: 'approvals',
    capability: 'release.read',
  },
  {
    href: '/monitoring',
    label: 'Monitoring',
    description: 'Deployed models, drift reports and alerts.',
    icon: 'monitoring',
    capability: 'monitoring.read',
  },
  {
    href: '/evaluate',
    label: 'Evaluate',
    description: 'Run a model version against a dataset and compare results.',
    icon: 'evaluate',
    capability: 'catalog.read',
  },
  {
    href: '/audit',
    label: 'Audit',
    description: 'The tamper-evident trail of every change, with exports.',
    icon: 'audit',
    capability: 'audit.read',
  },
  {
    href: '/admin',
    label: 'Admin',
    description: 'People, their roles and their access.',
    icon: 'admin',
    capability: 'user.manage',
  },
];

function allows(item: NavItem, roles: readonly string[]): boolean {
  return can({ roles }, item.capability);
}

/** The sections a person holding `roles` may use, in navigation order. */
export function navItemsFor(roles: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => allows(item, roles));
}

/** Whether `roles` may use the section at `href` (exact section root, e.g. '/audit'). */
export function canUseSection(href: string, roles: readonly string[]): boolean {
  return navItemsFor(roles).some((item) => item.href === href);
}

/** The section's entry; throws on an unknown href so a typo fails loudly in development. */
export function navItem(href: string): NavItem {
  const item = NAV_ITEMS.find((i) => i.href === href);
  if (!item) throw new Error(`Unknown section ${href}`);
  return item;
}
