// The member forms of a partnership's members tab: add an organisation (picked from the current
// organisations, or searched above a threshold), and edit a member's role, mandate, contribution
// and dates. Conform keeps what was typed when the save is refused.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { FormErrors, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/form";
import {
  OrganisationCombobox,
  type PickerChoices,
  type PickerOption,
} from "~/components/organisation-picker";
import { useTranslation } from "~/i18n/use-translation";
import { memberRoles } from "~/lib/enums";
import { addMemberInput, updateMemberInput } from "~/lib/validation/partnerships";
import type { MemberRow } from "~/models/partnership-members.server";

function roleOptions(t: (key: `enums.memberRole.${(typeof memberRoles)[number]}`) => string) {
  return memberRoles.map((value) => ({ value, label: t(`enums.memberRole.${value}`) }));
}

interface MemberFormShape {
  intent: string;
  memberId?: string;
  version?: number;
  organisationId?: string;
  role: string;
  mandate?: string;
  contribution?: string;
  joinedOn?: string;
  leftOn?: string;
}

export function AddMember({
  partnershipId,
  candidates,
  chosen,
  lastResult,
}: {
  partnershipId: string;
  /** The organisations not yet members, or (above the picker's threshold) a search. */
  candidates: PickerChoices;
  chosen: PickerOption[] | undefined;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<MemberFormShape>({
    id: "member-add",
    lastResult,
    defaultValue: { intent: "add", role: "partner" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addMemberInput }),
    shouldRevalidate: "onInput",
  });
  return (
    <section aria-labelledby="member-add-heading" className="max-w-2xl">
      <h2 id="member-add-heading" className="text-lg font-semibold">
        {t("partnership.members.addTitle")}
      </h2>
      {candidates.mode === "select" && candidates.options.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t("partnership.members.noCandidates")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
          <FormErrors errors={form.errors} />
          <input type="hidden" name="intent" value="add" />
          {candidates.mode === "select" ? (
            <SelectField
              field={fields.organisationId}
              label={t("partnership.members.organisation")}
              emptyLabel={t("partnership.members.chooseOrganisation")}
              options={candidates.options.map((c) => ({
                value: c.id,
                label: c.acronym ? `${c.name} (${c.acronym})` : c.name,
              }))}
            />
          ) : (
            <OrganisationCombobox
              field={fields.organisationId}
              label={t("partnership.members.organisation")}
              known={[...candidates.known, ...(chosen ?? [])]}
              partnership={partnershipId}
            />
          )}
          <MemberFields fields={fields} />
          <SubmitButton pendingLabel={t("partnership.members.pending")}>
            {t("partnership.members.add")}
          </SubmitButton>
        </Form>
      )}
    </section>
  );
}

export function EditMember({
  member,
  lastResult,
}: {
  member: MemberRow;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<MemberFormShape>({
    id: `member-edit-${member.id}`,
    lastResult,
    defaultValue: {
      intent: "update",
      memberId: member.id,
      version: member.version,
      role: member.role,
      mandate: member.mandate ?? "",
      contribution: member.contribution ?? "",
      joinedOn: member.joinedOn ?? "",
      leftOn: member.leftOn ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateMemberInput }),
    shouldRevalidate: "onInput",
  });
  const versionProps = getInputProps(fields.version, { type: "hidden" });
  return (
    <section aria-labelledby="member-edit-heading" className="max-w-2xl">
      <h2 id="member-edit-heading" className="text-lg font-semibold">
        {t("partnership.members.editTitle", { name: member.organisationName })}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="memberId" value={member.id} />
        <input {...versionProps} key={versionProps.key} />
        <MemberFields fields={fields} />
        <TextField field={fields.leftOn} label={t("partnership.members.leftOn")} type="date" />
        <div className="flex items-center gap-4">
          <SubmitButton pendingLabel={t("partnership.members.pending")}>
            {t("partnership.members.save")}
          </SubmitButton>
          <Link to="." className="text-sm text-brand-700 underline">
            {t("partnership.members.cancel")}
          </Link>
        </div>
      </Form>
    </section>
  );
}

function MemberFields({ fields }: { fields: ReturnType<typeof useForm<MemberFormShape>>[1] }) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField field={fields.role} label={t("partnership.members.role")} options={roleOptions(t)} />
      <TextAreaField
        field={fields.mandate}
        label={t("partnership.members.mandate")}
        hint={t("partnership.members.mandateHint")}
      />
      <TextAreaField
        field={fields.contribution}
        label={t("partnership.members.contribution")}
        hint={t("partnership.members.contributionHint")}
      />
      <TextField field={fields.joinedOn} label={t("partnership.members.joinedOn")} type="date" />
    </>
  );
}
