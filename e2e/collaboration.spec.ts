// Collaboration with two people in two browsers on one release request: each sees the other there;
// one mentions the other, whose bell count rises and whose thread shows the comment without a
// reload; they follow the notification and reply, and the first sees the reply and is notified.
import { expect, test, trpcMutation } from './fixtures/app';
import { registerCreditModel } from './fixtures/catalog';

test('[COLLAB] a mention reaches the other person live, they follow it to the thread and reply; both see each other on the page', async ({ signedInPage, createPerson, baseURL }) => {
  test.setTimeout(120_000);
  const ana = await createPerson(['data_scientist'], 'Ana Analyst');
  const bo = await createPerson(['approver'], 'Bo Business');
  const boHandle = bo.email.split('@')[0] ?? '';
  const anaPage = await signedInPage(ana);
  const boPage = await signedInPage(bo);

  // Ana's own release request, which Bo (an approver) may read.
  const model = await registerCreditModel(anaPage.request, baseURL ?? '', 'low', [1], 'Collaboration credit');
  const { id: requestId } = await trpcMutation<{ id: string }>(
    anaPage.request,
    'releases.request',
    { modelId: model.id, version: 1, alias: 'staging', changeSummary: 'First release', expectedImpact: 'None yet', rollbackPlan: 'Remove the alias' },
    baseURL ?? '',
  );
  // The request itself notified Bo (an approver); start from a clear bell so the count below is the mention's.
  await trpcMutation(boPage.request, 'notifications.markAllRead', null, baseURL ?? '');

  await boPage.goto(`/approvals/${requestId}`);
  await anaPage.goto(`/approvals/${requestId}`);
  await expect(boPage.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
  await expect(boPage.getByTestId('notification-count')).toHaveAttribute('data-count', '0');

  // Presence: each sees the other on the page.
  await expect(anaPage.locator(`[data-testid="presence-person"][data-user-id="${bo.id}"]`)).toContainText('Bo Business');
  await expect(boPage.locator(`[data-testid="presence-person"][data-user-id="${ana.id}"]`)).toContainText('Ana Analyst', { timeout: 20_000 });

  // Ana mentions Bo through the autocomplete.
  const composer = anaPage.getByRole('form', { name: 'New comment' });
  const box = composer.getByRole('textbox');
  await box.click();
  await box.pressSequentially(`Could you check the calibration first, @${boHandle.slice(0, 10)}`);
  const option = anaPage.getByTestId('mention-option').filter({ hasText: 'Bo Business' });
  await expect(option).toBeVisible();
  await option.click();
  await box.pressSequentially('? The reliability curve bends above 0.8.');
  await composer.getByRole('button', { name: 'Comment' }).click();
  const anaComment = anaPage.getByTestId('comment').filter({ hasText: 'reliability curve' });
  await expect(anaComment).toBeVisible();

  // Bo, without reloading: the bell counts it and the thread shows it.
  await expect(boPage.getByTestId('notification-count')).toHaveAttribute('data-count', '1');
  await expect(boPage.getByTestId('comment').filter({ hasText: 'reliability curve' })).toBeVisible();

  // Bo follows the notification to the thread and replies there.
  await boPage.getByTestId('notification-bell').click();
  await boPage.getByTestId('notification').filter({ hasText: 'Ana Analyst' }).getByRole('link').first().click();
  await expect(boPage).toHaveURL(new RegExp(`/approvals/${requestId}.*#comment-`));
  const thread = boPage.getByTestId('comment').filter({ hasText: 'reliability curve' });
  await thread.getByRole('button', { name: 'Reply' }).click();
  const reply = boPage.getByTestId('reply-composer');
  await reply.getByRole('textbox').fill('Checked: it is the 0.8–0.9 bin with 40 rows; fine to proceed.');
  await reply.getByRole('button', { name: /Reply|Comment/ }).click();
  // A reply sits inside its parent's article: the innermost match is the reply itself.
  await expect(boPage.getByTestId('comment').filter({ hasText: 'fine to proceed' }).last()).toContainText('Bo Business');
  await expect(boPage.getByTestId('notification-count')).toHaveAttribute('data-count', '0');

  // Ana sees the reply arrive and is told about it.
  await expect(anaPage.getByTestId('comment').filter({ hasText: 'fine to proceed' }).last()).toBeVisible();
  await expect(anaPage.getByTestId('notification-count')).toHaveAttribute('data-count', '1');
});
