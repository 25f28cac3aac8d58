// The table view of the map: the same organisations and edges as real tables (caption, scoped
// headers, sortable columns with aria-sort, pages). The accessible alternative to the canvas.
import { useTranslation } from "~/i18n/use-translation";
import { Link, useLocation } from "react-router";
import { Pagination } from "~/components/pagination";
import type { RelationshipType } from "~/lib/enums";
import type { NetworkTableRow } from "~/lib/network/types";

export const tableSorts = [
  "name",
  "type",
  "level",
  "country",
  "degree",
  "partnerships",
  "betweenness",
] as const;
export type TableSort = (typeof tableSorts)[number];

export interface TableEdgeRow {
  source: string;
  target: string;
  kind: string;
  label: string;
  weight: number;
  minTrust: number | null;
}

export interface NetworkTableData {
  rows: NetworkTableRow[];
  total: number;
  page: number;
  pageCount: number;
  edges: { rows: TableEdgeRow[]; total: number };
}

function SortHeading({
  sort,
  current,
  dir,
  label,
}: {
  sort: TableSort;
  current: TableSort;
  dir: "asc" | "desc";
  label: string;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const active = sort === current;
  params.set("sort", sort);
  params.set("dir", active && dir === "asc" ? "desc" : "asc");
  params.delete("page");
  return (
    <th
      scope="col"
      className="px-3 py-2 font-medium"
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <Link to={`${location.pathname}?${params.toString()}`} className="underline decoration-dotted">
        {label}
        {active ? (
          <span aria-hidden="true">
            {dir === "asc" ? t("organisations.sortAsc") : t("organisations.sortDesc")}
          </span>
        ) : null}
      </Link>
    </th>
  );
}

export function NetworkTable({
  table,
  sort,
  dir,
  names,
}: {
  table: NetworkTableData;
  sort: TableSort;
  dir: "asc" | "desc";
  /** Organisation names by id (edges carry ids). */
  names: Readonly<Record<string, string>>;
}) {
  const { t } = useTranslation();
  return (
    <div className="space-y-6" data-testid="network-table">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <caption className="px-3 py-2 text-left font-semibold">
            {t("network.table.caption", { count: table.total })}
          </caption>
          <thead className="bg-slate-50">
            <tr>
              {tableSorts.map((column) => (
                <SortHeading
                  key={column}
                  sort={column}
                  current={sort}
                  dir={dir}
                  label={t(`network.table.${column}`)}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-2 font-medium">
                  <Link to={`/organisations/${row.id}`} className="text-brand-700 underline">
                    {row.name}
                  </Link>
                  {row.acronym ? <span className="ml-1 text-slate-700">({row.acronym})</span> : null}
                </th>
                <td className="px-3 py-2">{t(`enums.organisationType.${row.type}`)}</td>
                <td className="px-3 py-2">{t(`enums.level.${row.level}`)}</td>
                <td className="px-3 py-2">{row.countryCode ?? t("common.international")}</td>
                <td className="px-3 py-2 tabular-nums">{row.degree}</td>
                <td className="px-3 py-2 tabular-nums">{row.partnerships}</td>
                <td className="px-3 py-2 tabular-nums">
                  {row.betweenness === null ? t("signals.notAvailable") : row.betweenness.toFixed(3)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={table.page} pages={table.pageCount} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm" data-testid="network-edges-table">
          <caption className="px-3 py-2 text-left font-semibold">
            {t("network.table.edgesCaption", { count: table.edges.total, shown: table.edges.rows.length })}
          </caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("network.table.source")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("network.table.target")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("network.table.kind")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("network.table.weight")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("network.table.minTrust")}
              </th>
            </tr>
          </thead>
          <tbody>
            {table.edges.rows.map((edge, index) => (
              <tr
                key={`${edge.source}-${edge.target}-${edge.kind}-${index}`}
                className="border-t border-slate-100"
              >
                <td className="px-3 py-2">{names[edge.source] ?? edge.source}</td>
                <td className="px-3 py-2">{names[edge.target] ?? edge.target}</td>
                <td className="px-3 py-2">
                  {edge.kind === "relationship"
                    ? t(`enums.relationshipType.${edge.label as RelationshipType}`)
                    : edge.kind === "membership"
                      ? t("network.table.membershipKind", { name: edge.label })
                      : t("network.table.sharedKind", { names: edge.label })}
                </td>
                <td className="px-3 py-2 tabular-nums">{edge.weight}</td>
                <td className="px-3 py-2 tabular-nums">
                  {edge.minTrust === null ? t("signals.notAvailable") : edge.minTrust.toFixed(1)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
