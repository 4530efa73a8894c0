/**
 * A partner's standing refusal of our last message about the record on the page (the admin
 * API's `refusal`, records/refusal-view.ts): shown at the top of a deal, order or service request,
 * so the person at the console sees that the partner did not take what we sent.
 */
import type { FC } from 'hono/jsx';
import { rich, t } from '../../i18n/index.ts';
import { Time } from '../../i18n/time-element.tsx';

export interface PartnerRefusalView {
  code: string;
  reason: string;
  kind: string;
  at: string;
}

export const PartnerRefusal: FC<{ refusal: PartnerRefusalView | null | undefined }> = ({
  refusal,
}) => {
  if (!refusal) return null;
  return (
    <div class="notice error" role="alert" data-refusal={refusal.code}>
      <p>
        <strong>{t('console.partnerRefusal.title')}</strong>
      </p>
      <p>
        {rich('console.partnerRefusal.body', {
          kind: refusal.kind,
          time: <Time at={refusal.at} />,
          code: refusal.code,
          reason: refusal.reason,
        })}
      </p>
    </div>
  );
};
