// A pilot's milestones on a horizontal, Gantt-like timeline (plain SVG): planned date (diamond)
// versus actual date (dot), overdue ones in red, a today line, and the pilot's funding periods
// drawn under it so a milestone planned after all funding ends stands out. Each milestone is a
// link that selects it in the list and the form (?milestone=id).
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { daysBetween, fundingEnd, isMilestoneOverdue, quarterOf } from "~/lib/alerts";
import type { MilestoneStatus } from "~/lib/enums";
import { formatDate } from "~/lib/format";

export interface TimelineMilestone {
  id: string;
  title: string;
  dueOn: string | null;
  doneOn: string | null;
  status: MilestoneStatus;
}

export interface TimelineFunding {
  id: string;
  label: string;
  startsOn: string | null;
  endsOn: string | null;
}

const WIDTH = 1000;
const LABEL_WIDTH = 230;
const CHART_LEFT = LABEL_WIDTH + 10;
const CHART_RIGHT = WIDTH - 20;
const AXIS = 34;
const ROW = 28;
const FUNDING_GAP = 30;
const FUNDING_ROW = 22;

type Tone = "done" | "overdue" | "afterFunding" | "cancelled" | "open";

const toneClass: Record<Tone, string> = {
  done: "fill-emerald-600 stroke-emerald-700",
  overdue: "fill-red-600 stroke-red-700",
  afterFunding: "fill-orange-500 stroke-orange-700",
  cancelled: "fill-slate-300 stroke-slate-500",
  open: "fill-sky-700 stroke-sky-800",
};

function short(text: string, max = 34): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The days shown: whole quarters around every date drawn. */
function rangeOf(days: string[]): { start: string; end: string } {
  const sorted = [...days].sort();
  const first = sorted[0] ?? "2000-01-01";
  const last = sorted.at(-1) ?? first;
  return { start: quarterOf(first).start, end: quarterOf(last).end };
}

interface Tick {
  day: string;
  year: number;
  /** null: the tick marks a year (many quarters shown). */
  quarter: number | null;
}

function ticksOf(start: string, end: string): Tick[] {
  const ticks: { day: string; year: number; quarter: number }[] = [];
  let year = Number(start.slice(0, 4));
  let quarter = Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1;
  for (;;) {
    const day = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, "0")}-01`;
    if (day > end) break;
    ticks.push({ day, year, quarter });
    quarter += 1;
    if (quarter > 4) {
      quarter = 1;
      year += 1;
    }
  }
  // Many quarters: keep the years only.
  if (ticks.length <= 16) return ticks;
  return ticks.filter((t) => t.quarter === 1).map((t) => ({ ...t, quarter: null }));
}

export function MilestoneTimeline({
  milestones,
  funding,
  pilotStartsOn,
  pilotEndsOn,
  today,
  selectedId,
  hrefFor,
}: {
  milestones: readonly TimelineMilestone[];
  funding: readonly TimelineFunding[];
  pilotStartsOn: string | null;
  pilotEndsOn: string | null;
  today: string;
  selectedId: string | null;
  hrefFor: (id: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const fmt = (day: string) => formatDate(day, i18n.language);
  const dated = milestones.filter((m) => m.dueOn !== null || m.doneOn !== null);
  const undated = milestones.length - dated.length;
  const allFundingEnds = fundingEnd([...funding]);
  const days = [
    today,
    ...dated.flatMap((m) => [m.dueOn, m.doneOn]),
    ...funding.flatMap((f) => [f.startsOn, f.endsOn]),
    pilotStartsOn,
    pilotEndsOn,
  ].filter((d): d is string => d !== null);
  const range = rangeOf(days);
  const span = Math.max(1, daysBetween(range.start, range.end));
  const x = (day: string) => CHART_LEFT + (daysBetween(range.start, day) / span) * (CHART_RIGHT - CHART_LEFT);
  const nearRightEdge = x(today) > CHART_RIGHT - 80;
  const rowsBottom = AXIS + Math.max(1, dated.length) * ROW;
  const fundingTop = rowsBottom + FUNDING_GAP;
  const height = fundingTop + (funding.length > 0 ? funding.length * FUNDING_ROW : 0) + 12;

  const toneOf = (m: TimelineMilestone): Tone => {
    if (m.status === "done") return "done";
    if (m.status === "cancelled") return "cancelled";
    if (isMilestoneOverdue(m, today)) return "overdue";
    if (allFundingEnds !== null && m.dueOn !== null && m.dueOn > allFundingEnds) return "afterFunding";
    return "open";
  };

  return (
    <figure data-testid="milestone-timeline" className="space-y-2">
      <figcaption className="text-sm text-slate-700">{t("milestones.timeline.caption")}</figcaption>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          className="block w-full min-w-[720px] text-[11px]"
          aria-label={t("milestones.timeline.label")}
        >
          {pilotStartsOn || pilotEndsOn ? (
            <rect
              x={x(pilotStartsOn ?? range.start)}
              y={AXIS}
              width={Math.max(1, x(pilotEndsOn ?? range.end) - x(pilotStartsOn ?? range.start))}
              height={rowsBottom - AXIS}
              className="fill-slate-50"
            >
              <title>{t("milestones.timeline.pilotPeriod")}</title>
            </rect>
          ) : null}
          {ticksOf(range.start, range.end).map((tick) => (
            <g key={tick.day}>
              <line
                x1={x(tick.day)}
                x2={x(tick.day)}
                y1={AXIS - 6}
                y2={height - 8}
                className="stroke-slate-200"
              />
              <text x={x(tick.day) + 3} y={AXIS - 10} className="fill-slate-600">
                {tick.quarter === null
                  ? String(tick.year)
                  : t("milestones.timeline.quarter", { year: tick.year, quarter: tick.quarter })}
              </text>
            </g>
          ))}
          {dated.map((m, index) => {
            const y = AXIS + index * ROW + ROW / 2;
            const tone = toneOf(m);
            const selected = m.id === selectedId;
            const overdue = tone === "overdue" && m.dueOn !== null;
            const label = t("milestones.timeline.itemLabel", {
              title: m.title,
              status: t(`enums.milestoneStatus.${m.status}`),
              due: m.dueOn ? fmt(m.dueOn) : t("common.none"),
              done: m.doneOn ? fmt(m.doneOn) : t("common.none"),
            });
            return (
              <Link
                key={m.id}
                to={hrefFor(m.id)}
                aria-label={label}
                aria-current={selected ? "true" : undefined}
                data-milestone-id={m.id}
                data-tone={tone}
                className="group focus:outline-none"
              >
                <title>{label}</title>
                <rect
                  x={0}
                  y={y - ROW / 2}
                  width={WIDTH}
                  height={ROW}
                  // The keyboard focus as a drawn frame: the pale fill alone is hardly visible.
                  className={`${
                    selected
                      ? "fill-sky-100"
                      : "fill-transparent group-hover:fill-slate-100 group-focus-visible:fill-sky-50"
                  } group-focus-visible:stroke-brand-600 group-focus-visible:stroke-2`}
                />
                <text
                  x={8}
                  y={y + 4}
                  className={`${tone === "overdue" ? "fill-red-700" : "fill-slate-800"} ${selected ? "font-semibold" : ""} group-focus-visible:underline`}
                >
                  {short(m.title)}
                </text>
                {overdue && m.dueOn ? (
                  <line
                    x1={x(m.dueOn)}
                    x2={x(today)}
                    y1={y}
                    y2={y}
                    strokeDasharray="4 3"
                    className="stroke-red-600"
                  />
                ) : null}
                {m.dueOn && m.doneOn ? (
                  <line
                    x1={x(m.dueOn)}
                    x2={x(m.doneOn)}
                    y1={y}
                    y2={y}
                    className="stroke-slate-400"
                    strokeWidth={2}
                  />
                ) : null}
                {m.dueOn ? (
                  <polygon
                    points={`${x(m.dueOn)},${y - 7} ${x(m.dueOn) + 7},${y} ${x(m.dueOn)},${y + 7} ${x(m.dueOn) - 7},${y}`}
                    className={`${toneClass[tone]} ${m.doneOn ? "fill-white" : ""}`}
                    strokeWidth={2}
                  />
                ) : null}
                {m.doneOn ? <circle cx={x(m.doneOn)} cy={y} r={5} className={toneClass.done} /> : null}
              </Link>
            );
          })}
          {funding.length > 0 ? (
            <text x={8} y={fundingTop - 10} className="fill-slate-700 font-semibold">
              {t("milestones.timeline.funding")}
            </text>
          ) : null}
          {funding.map((line, index) => {
            const y = fundingTop + index * FUNDING_ROW;
            const from = x(line.startsOn ?? range.start);
            const to = x(line.endsOn ?? range.end);
            const period = t("milestones.timeline.fundingPeriod", {
              label: line.label,
              from: line.startsOn ? fmt(line.startsOn) : t("milestones.timeline.openStart"),
              to: line.endsOn ? fmt(line.endsOn) : t("milestones.timeline.openEnd"),
            });
            return (
              <g key={line.id} data-funding-id={line.id}>
                <title>{period}</title>
                <text x={8} y={y + 14} className="fill-slate-700">
                  {short(line.label)}
                </text>
                <rect
                  x={from}
                  y={y + 3}
                  width={Math.max(2, to - from)}
                  height={FUNDING_ROW - 8}
                  rx={3}
                  strokeDasharray={line.endsOn ? undefined : "5 3"}
                  className="fill-emerald-100 stroke-emerald-600"
                />
              </g>
            );
          })}
          {allFundingEnds ? (
            <g data-testid="timeline-funding-end">
              <line
                x1={x(allFundingEnds)}
                x2={x(allFundingEnds)}
                y1={AXIS}
                y2={height - 8}
                strokeDasharray="2 3"
                strokeWidth={2}
                className="stroke-orange-600"
              />
              <title>{t("milestones.timeline.fundingEnds", { date: fmt(allFundingEnds) })}</title>
            </g>
          ) : null}
          <g data-testid="timeline-today">
            <line
              x1={x(today)}
              x2={x(today)}
              y1={AXIS - 14}
              y2={height - 8}
              strokeWidth={2}
              className="stroke-sky-600"
            />
            <text
              x={x(today) + (nearRightEdge ? -4 : 4)}
              y={AXIS - 22}
              textAnchor={nearRightEdge ? "end" : "start"}
              className="fill-sky-800 font-semibold"
            >
              {t("milestones.timeline.today")}
            </text>
          </g>
          {dated.length === 0 ? (
            <text x={CHART_LEFT} y={AXIS + ROW / 2 + 4} className="fill-slate-600">
              {t("milestones.timeline.noDated")}
            </text>
          ) : null}
        </svg>
      </div>
      <TimelineLegend showFundingEnd={allFundingEnds !== null} />
      {undated > 0 ? (
        <p className="text-sm text-slate-700">{t("milestones.timeline.undated", { count: undated })}</p>
      ) : null}
    </figure>
  );
}

function Swatch({ className, shape }: { className: string; shape: "diamond" | "dot" | "line" | "bar" }) {
  return (
    <svg width="16" height="12" viewBox="0 0 16 12" aria-hidden="true" className="inline-block align-middle">
      {shape === "diamond" ? (
        <polygon points="8,1 13,6 8,11 3,6" strokeWidth={2} className={className} />
      ) : null}
      {shape === "dot" ? <circle cx={8} cy={6} r={4} className={className} /> : null}
      {shape === "line" ? <line x1={8} x2={8} y1={0} y2={12} strokeWidth={2} className={className} /> : null}
      {shape === "bar" ? <rect x={1} y={3} width={14} height={6} rx={2} className={className} /> : null}
    </svg>
  );
}

function TimelineLegend({ showFundingEnd }: { showFundingEnd: boolean }) {
  const { t } = useTranslation();
  const items: [string, React.ReactNode][] = [
    ["planned", <Swatch key="s" shape="diamond" className={toneClass.open} />],
    ["actual", <Swatch key="s" shape="dot" className={toneClass.done} />],
    ["overdue", <Swatch key="s" shape="diamond" className={toneClass.overdue} />],
    ["afterFunding", <Swatch key="s" shape="diamond" className={toneClass.afterFunding} />],
    ["today", <Swatch key="s" shape="line" className="stroke-sky-600" />],
    ["fundingPeriod", <Swatch key="s" shape="bar" className="fill-emerald-100 stroke-emerald-600" />],
  ];
  if (showFundingEnd)
    items.push(["fundingEnd", <Swatch key="s" shape="line" className="stroke-orange-600" />]);
  return (
    <ul
      aria-label={t("milestones.timeline.legendLabel")}
      className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700"
    >
      {items.map(([key, swatch]) => (
        <li key={key} className="flex items-center gap-1">
          {swatch}
          {t(`milestones.timeline.legend.${key}` as "milestones.timeline.legend.planned")}
        </li>
      ))}
    </ul>
  );
}
