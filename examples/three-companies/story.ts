/**
 * The demo's words and names in each language: `npm run demo -- --lang zh-CN` tells the same
 * story with Chinese companies, products, narration, and a portal user whose pages and e-mails
 * are in Chinese (the inviting company chooses the invitation's language).
 */
import { translatorFor } from '../../node/i18n/index.ts';
import type { LineExplanation } from '../../node/inventory/compute-proposal.ts';
import { explainLine } from '../../node/inventory/explain-reason.ts';

export type DemoLanguage = 'en' | 'zh-CN';

/** A market fund's balance as the admin API gives it. */
export interface FundBalance {
  currency: string;
  allocated: string;
  claimed: string;
  approved: string;
  paid: string;
  available: string;
}

export interface Story {
  brand: string;
  distributor: string;
  installer: string;
  installerUser: string;
  lead1: { company: string; contact: string; region: string; source: string; note: string };
  lead2: { company: string; contact: string; region: string; source: string };
  priceList: string;
  orderReason: string;
  failure: string;
  claimReason: string;
  fundNote: string;
  booth: string;
  brochures: string;
  expenseReason: string;
  location: string;
  you: string;
  /** Helios's channel manager, who signs in to the staff console. */
  channelManager: string;
  steps: {
    start: string;
    connect: string;
    invite: string;
    leads: string;
    prices: string;
    order: string;
    warranty: string;
    funds: string;
    inventory: string;
    summary: string;
  };
  say: {
    knows(partner: number | string, host: number | string): string;
    signedIn(url: string): string;
    leadQualified: string;
    portalAccepted(status: string): string;
    holdsV2(mode: string, lines: number, hash: string): string;
    portalSees(yes: boolean): string;
    order(id: string, panel: string, inverter: string, total: string): string;
    answered(code: string, total: string, reason: string): string;
    shipped: string;
    claimDecided(status: string, approved: string): string;
    funds(balance: FundBalance): string;
    reported: string;
    /** A line of the replenishment proposal, with the computation behind it. */
    proposed(line: LineExplanation): string;
    replenished(id: string, total: string): string;
    tryPortal: string;
    signInLink: string;
    adminApi: string;
    tryConsole: string;
    consoleLink: string;
    keepRunning: string;
  };
  /** The summary's lead column: leads a company owns (none for the portal) and was offered. */
  leadCounts(own: number | null, offered: number): string;
  summaryHeader: string[];
  summaryRows: { brand: string; distributor: string; installer: string };
}

const EN: Story = {
  brand: 'Helios Solar',
  distributor: 'Nordlicht Distribution',
  installer: 'Sunny Roofs Installers',
  installerUser: 'Maria Sol',
  lead1: {
    company: 'Stadtwerke Kiel',
    contact: 'Jonas Berg',
    region: 'DE-North',
    source: 'trade fair',
    note: 'Site visit booked',
  },
  lead2: {
    company: 'Familie Hansen',
    contact: 'Eva Hansen',
    region: 'DE-North',
    source: 'web form',
  },
  priceList: 'Helios 2027',
  orderReason: 'Three inverters in stock this week.',
  failure: 'Inverter shuts down at noon; error E-217 (overtemperature).',
  claimReason: 'Labour above the flat rate is not covered.',
  fundNote: 'Co-marketing, first half',
  booth: 'Booth at Intersolar',
  brochures: 'Brochures',
  expenseReason: 'Brochures were not pre-approved.',
  location: 'Kiel',
  you: 'You',
  channelManager: 'Chris Channel',
  steps: {
    start: 'Two companies start their nodes',
    connect: 'Nordlicht connects to Helios with a one-time invitation',
    invite: 'Helios invites Sunny Roofs, an installer without a node, to its portal',
    leads: 'Helios offers leads: one to Nordlicht, one to Sunny Roofs',
    prices: 'Helios pushes its price list to both partners, then a one-line delta',
    order: 'Nordlicht orders from the price list; Helios accepts with one line changed',
    warranty: 'Nordlicht files a warranty claim; Helios approves part of it',
    funds: 'Helios allocates marketing funds; Nordlicht claims a trade-show invoice',
    inventory: 'Vendor-managed inventory: two stock reports, a proposal, an order',
    summary: 'What each company holds now',
  },
  say: {
    knows: (p, h) => `Helios knows Nordlicht as partner ${p}; Nordlicht knows Helios as ${h}`,
    signedIn: (url) => `Maria Sol of Sunny Roofs signed in to ${url}/portal`,
    leadQualified: 'Nordlicht accepted L-1001 (Stadtwerke Kiel) and reported it qualified',
    portalAccepted: (s) =>
      `Sunny Roofs accepted L-1002 on the portal; Helios sees offer status ${s}`,
    holdsV2: (mode, lines, hash) =>
      `Nordlicht holds version 2 (${mode}, ${lines} lines, hash ${hash}…)`,
    portalSees: (yes) => `Sunny Roofs sees it on the portal: ${yes ? 'yes' : 'no'}`,
    order: (id, panel, inverter, total) =>
      `order ${id}: 60 × PANEL-430 at ${panel}, 4 × INV-10K at ${inverter}, total ${total}`,
    answered: (code, total, reason) =>
      `Helios answered ${code}: accepted total ${total} (${reason})`,
    shipped: 'Helios shipped it; Nordlicht sees the tracking number',
    claimDecided: (status, approved) => `claimed 640.00, decision ${status}: ${approved} approved`,
    funds: (balance) =>
      `claimed 2220.50, approved 1800.00; Nordlicht's balance: ${JSON.stringify(balance)}`,
    reported: 'Nordlicht reported stock and sales at Kiel for two weeks',
    proposed: (line) => `proposed ${line.qty} × ${line.sku}: ${line.reason}`,
    replenished: (id, total) => `Nordlicht accepted: replenishment order ${id}, total ${total}`,
    tryPortal: 'Try the portal as Sunny Roofs',
    signInLink: 'sign-in link',
    adminApi: 'Helios admin API',
    tryConsole: "Try the staff console as Helios's channel manager",
    consoleLink: 'console sign-in link',
    keepRunning: '\nThe nodes keep running; press Ctrl-C to stop them and remove their data.',
  },
  leadCounts: (own, offered) =>
    own === null ? `${offered} offered` : `${own} own, ${offered} offered`,
  summaryHeader: [
    '',
    'leads',
    'price lists',
    'orders',
    'warranty',
    'expenses',
    'stock reports',
    'msgs in',
    'msgs out',
  ],
  summaryRows: {
    brand: 'Helios Solar (node)',
    distributor: 'Nordlicht Distribution (node)',
    installer: 'Sunny Roofs (portal on Helios)',
  },
};

// The Chinese story says statuses and codes in words, as the node's Chinese pages do.
const zh = translatorFor('zh-CN');
const MODES: Record<string, string> = { delta: '增量', full: '全量' };
const ANSWERS: Record<string, string> = { AP: '接受', CA: '修改后接受', RE: '拒绝' };

const ZH: Story = {
  brand: '曦阳光能',
  distributor: '北辰分销',
  installer: '晴顶安装工程',
  installerUser: '林晓',
  lead1: {
    company: '苏州工业园区能源公司',
    contact: '周杰',
    region: '华东',
    source: '行业展会',
    note: '已约现场勘查',
  },
  lead2: { company: '陈氏家庭', contact: '陈芳', region: '华东', source: '官网表单' },
  priceList: '曦阳 2027 价格表',
  orderReason: '本周逆变器库存仅 3 台。',
  failure: '逆变器中午自动关机，报错 E-217（过温）。',
  claimReason: '超出固定工时费的人工费用不在保修范围内。',
  fundNote: '上半年联合推广',
  booth: 'SNEC 光伏展展位',
  brochures: '宣传册',
  expenseReason: '宣传册未事先报批。',
  location: '苏州',
  you: '访客',
  channelManager: '陈立',
  steps: {
    start: '两家公司启动各自的节点',
    connect: '北辰分销通过一次性邀请与曦阳光能建立连接',
    invite: '曦阳光能邀请没有节点的安装商“晴顶安装工程”使用合作伙伴门户（邀请语言：中文）',
    leads: '曦阳光能分配线索：一条给北辰分销，一条给晴顶安装工程',
    prices: '曦阳光能向两家合作伙伴推送价格表，随后推送一行增量更新',
    order: '北辰分销按价格表下单；曦阳光能修改一行后接受订单',
    warranty: '北辰分销提交保修索赔；曦阳光能部分批准',
    funds: '曦阳光能分配市场基金；北辰分销凭展会发票申请费用报销',
    inventory: '供应商管理库存：两份库存报告、一份补货建议、一张订单',
    summary: '各公司现在持有的数据',
  },
  say: {
    knows: (p, h) => `曦阳光能中北辰分销的合作伙伴编号为 ${p}；北辰分销中曦阳光能为 ${h}`,
    signedIn: (url) => `晴顶安装工程的林晓已登录 ${url}/portal`,
    leadQualified: '北辰分销接受了线索 L-1001（苏州工业园区能源公司），并汇报为“已确认需求”',
    portalAccepted: (s) =>
      `晴顶安装工程在门户中接受了 L-1002；曦阳光能看到的分配状态为“${zh.code('status', s)}”`,
    holdsV2: (mode, lines, hash) =>
      `北辰分销已持有第 2 版（${MODES[mode] ?? mode}，${lines} 行，哈希 ${hash}…）`,
    portalSees: (yes) => `晴顶安装工程在门户中${yes ? '已能看到' : '尚未看到'}该价格表`,
    order: (id, panel, inverter, total) =>
      `订单 ${id}：60 × PANEL-430，单价 ${panel}；4 × INV-10K，单价 ${inverter}；合计 ${total}`,
    answered: (code, total, reason) =>
      `曦阳光能答复“${ANSWERS[code] ?? code}”（${code}）：接受金额 ${total}（${reason}）`,
    shipped: '曦阳光能已发货；北辰分销可看到物流单号',
    claimDecided: (status, approved) =>
      `索赔 640.00，处理结果“${zh.code('status', status)}”：核准 ${approved}`,
    funds: (b) =>
      `申请报销 2220.50，批准 1800.00；北辰分销的基金余额：已分配 ${zh.money(b.allocated, b.currency)}，` +
      `已批准 ${zh.money(b.approved, b.currency)}，已支付 ${zh.money(b.paid, b.currency)}，` +
      `可用 ${zh.money(b.available, b.currency)}`,
    reported: '北辰分销提交了苏州仓两周的库存和销售数据',
    proposed: (line) => `建议补货 ${line.qty} × ${line.sku}：${explainLine(zh, line)}`,
    replenished: (id, total) => `北辰分销已接受：补货订单 ${id}，合计 ${total}`,
    tryPortal: '以晴顶安装工程的身份体验门户（中文界面）',
    signInLink: '登录链接',
    adminApi: '曦阳光能管理 API',
    tryConsole: '以曦阳光能渠道经理的身份体验员工控制台（中文界面）',
    consoleLink: '控制台登录链接',
    keepRunning: '\n节点保持运行；按 Ctrl-C 停止并删除其数据。',
  },
  leadCounts: (own, offered) => (own === null ? `收到 ${offered}` : `自有 ${own}，收到 ${offered}`),
  summaryHeader: [
    '',
    '线索',
    '价格表',
    '订单',
    '保修',
    '费用报销',
    '库存报告',
    '收到消息',
    '发出消息',
  ],
  summaryRows: {
    brand: '曦阳光能（节点）',
    distributor: '北辰分销（节点）',
    installer: '晴顶安装工程（曦阳光能门户）',
  },
};

export function storyFor(lang: string | undefined): { lang: DemoLanguage; story: Story } {
  return lang === 'zh-CN' ? { lang, story: ZH } : { lang: 'en', story: EN };
}

/** `--lang zh-CN` or `--lang=zh-CN` from the command line. */
export function langArg(argv: readonly string[]): string | undefined {
  const i = argv.indexOf('--lang');
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
}
