/**
 * The partner page's scorecard, charts and relationship timeline, from the admin API's
 * GET /partners/{ref}/scorecard. Each chart is an SVG drawn on the server (svg-chart.ts) with
 * its numbers in a table below it, for a screen reader and for anyone who wants the figures.
 */
import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { rich, t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import { Day, Time } from '../../i18n/time-element.tsx';
import { words } from '../../portal/web/format.ts';
import type { PartnerScorecard } from '../../scorecard/partner-scorecard.ts';
import type { MoneySum } from '../../store/scorecard-store.ts';
import { groupedBarsSvg } from './svg-chart.ts';

type Month = PartnerScorecard['months'][number];

/** The charts: their series are columns of the months. */
const CHARTS: ReadonlyArray<{
  id: string;
  title: MessageKey;
  series: ReadonlyArray<[keyof Omit<Month, 'month'>, MessageKey]>;
}> = [
  {
    id: 'chart-leads',
    title: 'console.scorecard.chartLeads',
    series: [
      ['leadsOffered', 'console.scorecard.offered'],
      ['leadsAccepted', 'console.scorecard.accepted'],
    ],
  },
  {
    id: 'chart-activity',
    title: 'console.scorecard.chartActivity',
    series: [
      ['dealsRegistered', 'console.scorecard.dealsRegistered'],
      ['orders', 'console.scorecard.orders'],
      ['serviceRequests', 'console.scorecard.serviceRequests'],
    ],
  },
];

function percent(rate: number | null): string {
  return rate === null ? t('console.scorecard.notRated') : useTranslator().percent(rate);
}

function monies(sums: readonly MoneySum[]): string {
  const tr = useTranslator();
  return sums.length === 0
    ? tr.money('0', null)
    : sums.map((s) => tr.money(s.amount, s.currency)).join(' · ');
}

function statuses(byStatus: Record<string, number>): string {
  const tr = useTranslator();
  return Object.entries(byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${words(status)} ${tr.count(n)}`)
    .join(', ');
}

/** A month as people read it on an axis: "Mar 26", "26年3月". */
function monthLabel(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y!, m! - 1, 1)));
}

const Chart: FC<{ card: PartnerScorecard; chart: (typeof CHARTS)[number] }> = ({ card, chart }) => {
  const tr = useTranslator();
  const title = t(chart.title);
  const months = card.months.map((m) => monthLabel(m.month, tr.locale));
  const svg = groupedBarsSvg({
    title,
    categories: months,
    series: chart.series.map(([key, label]) => ({
      label: t(label),
      values: card.months.map((m) => m[key]),
    })),
  });
  return (
    <figure class="chart" id={chart.id} aria-labelledby={`${chart.id}-title`}>
      <figcaption id={`${chart.id}-title`}>{title}</figcaption>
      <ul class="legend">
        {chart.series.map(([, label], i) => (
          <li class={`key-${i}`}>{t(label)}</li>
        ))}
      </ul>
      {raw(svg)}
      <details>
        <summary>{t('console.scorecard.tableOf', { chart: title })}</summary>
        <div class="scroll">
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.scorecard.month')}</th>
                {chart.series.map(([, label]) => (
                  <th scope="col">{t(label)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {card.months.map((m, i) => (
                <tr data-month={m.month}>
                  <th scope="row">{months[i]}</th>
                  {chart.series.map(([key]) => (
                    <td>{tr.count(m[key])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
};

function eventText(e: PartnerScorecard['timeline'][number]): string {
  switch (e.type) {
    case 'connected':
      return t('console.scorecard.connected');
    case 'profile':
      return t('console.scorecard.profile');
    case 'in':
      return t('console.scorecard.received', { kind: e.kind ?? '' });
    case 'out':
      return t('console.scorecard.sent', { kind: e.kind ?? '' });
  }
}

export const PartnerScorecardSection: FC<{ card: PartnerScorecard }> = ({ card }) => {
  const tr = useTranslator();
  const l = card.leads;
  const fact = (key: MessageKey, value: string, id: string) => (
    <>
      <dt>{t(key)}</dt>
      <dd data-fact={id}>{value}</dd>
    </>
  );
  return (
    <>
      <section aria-labelledby="scorecard-title" id="scorecard">
        <h2 id="scorecard-title">{t('console.scorecard.title')}</h2>
        <p class="muted">
          {rich('console.scorecard.window', {
            since: <Day day={card.since} />,
            until: <Day day={card.until} />,
          })}
        </p>
        <dl class="facts">
          {fact(
            'console.scorecard.acceptance',
            t('console.scorecard.ofAnswered', {
              rate: percent(l.acceptanceRate),
              part: tr.count(l.accepted),
              whole: tr.count(l.offered - l.open),
            }),
            'acceptance',
          )}
          {fact(
            'console.scorecard.timeToAccept',
            l.averageHoursToAccept === null
              ? t('console.scorecard.notRated')
              : t('console.scorecard.hours', { hours: tr.decimal(String(l.averageHoursToAccept)) }),
            'time-to-accept',
          )}
          {fact(
            'console.scorecard.winRate',
            t('console.scorecard.wonLost', {
              rate: percent(l.winRate),
              won: tr.count(l.won),
              lost: tr.count(l.lost),
            }),
            'win-rate',
          )}
          {fact('console.scorecard.pipeline', monies(l.pipeline), 'pipeline')}
          {fact('console.scorecard.wonValue', monies(l.wonValue), 'won-value')}
          {fact(
            'console.scorecard.deals',
            `${tr.count(card.deals.registered)} ${statuses(card.deals.byStatus)}`.trim(),
            'deals',
          )}
          {fact(
            'console.scorecard.sla',
            t('console.scorecard.ofDue', {
              rate: percent(card.service.slaCompliance),
              part: tr.count(card.service.withinDue),
              whole: tr.count(card.service.withDue),
            }),
            'sla',
          )}
          {fact(
            'console.scorecard.warranty',
            `${tr.count(card.warrantyClaims.filed)} ${statuses(card.warrantyClaims.byStatus)}`.trim(),
            'warranty',
          )}
          {fact(
            'console.scorecard.expense',
            `${tr.count(card.expenseClaims.filed)} ${statuses(card.expenseClaims.byStatus)}`.trim(),
            'expense',
          )}
          {fact(
            'console.scorecard.orders',
            card.orders.totals.length === 0
              ? tr.count(card.orders.count)
              : `${tr.count(card.orders.count)} · ${monies(card.orders.totals)}`,
            'orders',
          )}
          {fact(
            'console.scorecard.messages',
            t('console.scorecard.delivery', {
              delivered: tr.count(card.messages.delivered),
              pending: tr.count(card.messages.pending),
              dead: tr.count(card.messages.dead),
            }),
            'messages',
          )}
        </dl>
        {CHARTS.map((chart) => (
          <Chart card={card} chart={chart} />
        ))}
      </section>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('console.scorecard.timeline')}</h2>
        <ol class="timeline" id="relationship">
          {card.timeline.map((e) => (
            <li data-event={e.type}>
              <span class="meta">
                <Time at={e.at} />
              </span>{' '}
              {eventText(e)}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
};
