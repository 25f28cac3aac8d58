// The access a user is given, shared by the invitation form and a user's page: role,
// organisation and, for a municipal official, the municipalities in scope.
import { getCollectionProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "~/i18n/use-translation";
import { ErrorList } from "~/components/form";
import {
  OrganisationCombobox,
  type PickerChoices,
  type PickerOption,
} from "~/components/organisation-picker";
import { userRoles } from "~/lib/enums";

export interface OrganisationOption {
  id: string;
  name: string;
  acronym: string | null;
}

export interface MunicipalityOption {
  id: string;
  name: string;
  countryCode: string;
}

const selectClass = "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm";

export function AccessFields({
  role,
  organisationId,
  municipalityIds,
  organisations,
  chosen,
  municipalities,
}: {
  role: FieldMetadata<string | undefined>;
  organisationId: FieldMetadata<string | undefined>;
  municipalityIds: FieldMetadata<string[] | undefined>;
  /** All organisations, or a search (with the names of those the form may already hold). */
  organisations: PickerChoices;
  /** The organisation a refused form had picked (named in the picker). */
  chosen?: readonly PickerOption[] | undefined;
  municipalities: readonly MunicipalityOption[];
}) {
  const { t } = useTranslation();
  const municipalityNames = new Map(municipalities.map((m) => [m.id, `${m.name} (${m.countryCode})`]));
  const checkboxes = getCollectionProps(municipalityIds, {
    type: "checkbox",
    options: municipalities.map((m) => m.id),
    ariaAttributes: true,
  });
  const hintId = `${municipalityIds.id}-hint`;
  return (
    <>
      <div>
        <label htmlFor={role.id} className="block text-sm font-medium text-slate-800">
          {t("admin.users.fields.role")}
        </label>
        <select {...getSelectProps(role)} key={role.key} className={selectClass}>
          {userRoles.map((value) => (
            <option key={value} value={value}>
              {t(`enums.userRole.${value}`)}
            </option>
          ))}
        </select>
        <ErrorList id={role.errorId} errors={role.errors} />
      </div>
      {organisations.mode === "select" ? (
        <div>
          <label htmlFor={organisationId.id} className="block text-sm font-medium text-slate-800">
            {t("admin.users.fields.organisation")}
          </label>
          <select {...getSelectProps(organisationId)} key={organisationId.key} className={selectClass}>
            <option value="">{t("admin.users.fields.noOrganisation")}</option>
            {organisations.options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.acronym ? `${o.name} (${o.acronym})` : o.name}
              </option>
            ))}
          </select>
          <ErrorList id={organisationId.errorId} errors={organisationId.errors} />
        </div>
      ) : (
        <OrganisationCombobox
          field={organisationId}
          label={t("admin.users.fields.organisation")}
          known={[...organisations.known, ...(chosen ?? [])]}
          className={selectClass}
        />
      )}
      <fieldset aria-describedby={hintId}>
        <legend className="block text-sm font-medium text-slate-800">
          {t("admin.users.fields.municipalities")}
        </legend>
        <p id={hintId} className="text-xs text-slate-600">
          {t("admin.users.fields.municipalitiesHint")}
        </p>
        {municipalities.length === 0 ? (
          <p className="mt-1 text-sm text-slate-700">{t("admin.users.fields.noMunicipalities")}</p>
        ) : (
          <div className="mt-1 max-h-60 space-y-1 overflow-auto rounded border border-slate-300 bg-white p-2">
            {checkboxes.map(({ key, ...props }) => (
              <div key={key} className="flex items-center gap-2 text-sm">
                <input {...props} className="h-4 w-4" />
                <label htmlFor={props.id}>{municipalityNames.get(props.value) ?? props.value}</label>
              </div>
            ))}
          </div>
        )}
        <ErrorList id={municipalityIds.errorId} errors={municipalityIds.errors} />
      </fieldset>
    </>
  );
}
