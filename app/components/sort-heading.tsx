import { useTranslation } from "~/i18n/use-translation";
import { Link, useLocation } from "react-router";

/**
 * A column heading that sorts by it (ascending first, then descending), keeping the other query
 * parameters (filters, view) and going back to the first page. A link: reachable and usable from the
 * keyboard, and without JavaScript. Used by the organisations, municipalities and comparison tables.
 */
export function SortHeading<S extends string>({
  sort,
  label,
  current,
  dir,
  align = "left",
}: {
  sort: S;
  label: string;
  current: S;
  dir: "asc" | "desc";
  align?: "left" | "right";
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const active = current === sort;
  params.set("sort", sort);
  params.set("dir", active && dir === "asc" ? "desc" : "asc");
  params.delete("page");
  return (
    <th
      scope="col"
      className={`px-4 py-2 font-medium ${align === "right" ? "text-right" : ""}`}
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link to={`${location.pathname}?${params.toString()}`} className="underline decoration-dotted">
        {label}
        {active ? (
          <span aria-hidden="true">{dir === "asc" ? t("common.sortAsc") : t("common.sortDesc")}</span>
        ) : null}
      </Link>
    </th>
  );
}
