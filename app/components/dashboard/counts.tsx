// The key figures, each a link to its list where there is one.
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import type { OverviewCounts } from "~/models/overview.server";

export function CountTiles({ counts, labelledBy }: { counts: OverviewCounts; labelledBy: string }) {
  const { t } = useTranslation();
  const tiles = [
    { key: "organisations", value: counts.organisations, to: "/organisations" },
    { key: "activePartnerships", value: counts.activePartnerships, to: "/partnerships?status=active" },
    { key: "municipalities", value: counts.municipalities, to: "/municipalities" },
    { key: "pilots", value: counts.pilots, to: null },
    { key: "openActions", value: counts.openActions, to: "/actions" },
  ] as const;
  return (
    <dl aria-labelledby={labelledBy} className="grid grid-cols-2 gap-4 md:grid-cols-5">
      {tiles.map((tile) => (
        <div key={tile.key} className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-700">{t(`home.counts.${tile.key}`)}</dt>
          <dd className="mt-1 text-3xl font-semibold tabular-nums">
            {tile.to ? (
              <Link to={tile.to} className="hover:underline">
                {tile.value}
              </Link>
            ) : (
              tile.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
