// The dashboard's sections in the order `dashboardSectionOrder` gives (app/lib/dashboard.ts).
import { useTranslation } from "~/i18n/use-translation";
import { DUE_SOON_DAYS } from "~/lib/alerts";
import { dashboardLinks, UPCOMING_DAYS, type DashboardSection as SectionName } from "~/lib/dashboard";
import type { Dashboard } from "~/models/dashboard.server";
import { DashboardActionList } from "./action-list";
import { ActivitySection } from "./activity";
import { AttentionSection } from "./attention";
import { CountTiles } from "./counts";
import { DashboardMilestoneList } from "./milestone-list";
import { DashboardSection, SubSection } from "./section";
import { YourMunicipalities } from "./your-municipalities";

export function DashboardSections({ data }: { data: Dashboard }) {
  return (
    <div className="mt-6 space-y-6">
      {data.sections.map((name) => (
        <OneSection key={name} name={name} data={data} />
      ))}
    </div>
  );
}

function OneSection({ name, data }: { name: SectionName; data: Dashboard }) {
  const { t } = useTranslation();
  switch (name) {
    case "counts":
      return (
        <section aria-labelledby="dashboard-counts">
          <h2 id="dashboard-counts" className="sr-only">
            {t("home.counts.label")}
          </h2>
          <CountTiles counts={data.counts} labelledBy="dashboard-counts" />
        </section>
      );
    case "yourMunicipalities":
      return data.yourMunicipalities ? (
        <DashboardSection id="your-municipalities" title={t("home.yourMunicipalities.title")}>
          <YourMunicipalities municipalities={data.yourMunicipalities} />
        </DashboardSection>
      ) : null;
    case "eventFollowUps":
      return data.eventFollowUps ? (
        <DashboardSection id="event-follow-ups" title={t("home.eventFollowUps.title")}>
          <DashboardActionList
            list={data.eventFollowUps}
            empty={t("home.eventFollowUps.empty")}
            seeAllTo={dashboardLinks.eventFollowUps()}
          />
        </DashboardSection>
      ) : null;
    case "organisationActions":
      return data.organisationActions && data.organisationId ? (
        <DashboardSection id="organisation-actions" title={t("home.organisationActions.title")}>
          <DashboardActionList
            list={data.organisationActions}
            empty={t("home.organisationActions.empty")}
            seeAllTo={dashboardLinks.organisationActions(data.organisationId)}
          />
        </DashboardSection>
      ) : null;
    case "followUps":
      return data.followUps ? (
        <DashboardSection id="follow-ups" title={t("home.followUps.title")}>
          <div className="grid gap-4 md:grid-cols-2">
            <SubSection id="follow-ups-overdue" title={t("home.followUps.overdue")}>
              <DashboardActionList
                list={data.followUps.overdue}
                empty={t("home.followUps.noOverdue")}
                seeAllTo={dashboardLinks.overdueActions()}
                labelledBy="follow-ups-overdue"
              />
            </SubSection>
            <SubSection
              id="follow-ups-upcoming"
              title={t("home.followUps.upcoming", { days: UPCOMING_DAYS })}
            >
              <DashboardActionList
                list={data.followUps.upcoming}
                empty={t("home.followUps.noUpcoming", { days: UPCOMING_DAYS })}
                seeAllTo={dashboardLinks.upcomingActions(data.today)}
                labelledBy="follow-ups-upcoming"
              />
            </SubSection>
          </div>
        </DashboardSection>
      ) : null;
    case "milestones":
      return data.milestones ? (
        <DashboardSection id="milestones" title={t("home.milestones.title")}>
          <div className="grid gap-4 md:grid-cols-2">
            <SubSection id="milestones-overdue" title={t("home.milestones.overdue")}>
              <DashboardMilestoneList
                list={data.milestones.overdue}
                empty={t("home.milestones.noOverdue")}
                overdue
                labelledBy="milestones-overdue"
              />
            </SubSection>
            <SubSection
              id="milestones-due-soon"
              title={t("home.milestones.dueSoon", { days: DUE_SOON_DAYS })}
            >
              <DashboardMilestoneList
                list={data.milestones.dueSoon}
                empty={t("home.milestones.noDueSoon", { days: DUE_SOON_DAYS })}
                overdue={false}
                labelledBy="milestones-due-soon"
              />
            </SubSection>
          </div>
        </DashboardSection>
      ) : null;
    case "attention":
      return data.attention ? (
        <DashboardSection id="attention" title={t("home.attention.title")}>
          <AttentionSection attention={data.attention} />
        </DashboardSection>
      ) : null;
    case "activity":
      return data.activity ? (
        <DashboardSection id="activity" title={t("home.activity.title")}>
          <ActivitySection activity={data.activity} />
        </DashboardSection>
      ) : null;
  }
}
