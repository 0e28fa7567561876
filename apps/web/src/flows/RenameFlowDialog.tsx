import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslation } from "react-i18next";
import type { FlowListItem } from "@fluxo/contracts";
import { useUpdateFlow } from "../api/flows.js";
import { Alert, Button, describeError, Dialog, TextField, useToast, deferBlur } from "../ui/index.js";
import { applyFieldErrors, renameFlowSchema } from "./flowForm.js";

/** Renames a flow: PUTs its name only, leaving the definition alone. */
export function RenameFlowDialog({ flow, onClose }: { flow: FlowListItem | null; onClose: () => void }) {
  if (!flow) return null;
  return <RenameFlowForm flow={flow} onClose={onClose} />;
}

function RenameFlowForm({ flow, onClose }: { flow: FlowListItem; onClose: () => void }) {
  const { t } = useTranslation("flows");
  const { t: tc } = useTranslation("common");
  const toast = useToast();
  const update = useUpdateFlow();
  const [formError, setFormError] = useState<string | null>(null);
  const schema = useMemo(
    () => renameFlowSchema({ required: t("validation.required"), maxLength: (max) => t("validation.maxLength", { max }) }),
    [t],
  );
  const { register, handleSubmit, formState, setError } = useForm<{ name: string }>({
    resolver: zodResolver(schema),
    defaultValues: { name: flow.name },
    mode: "onTouched",
  });

  const submit = handleSubmit(async ({ name }) => {
    setFormError(null);
    try {
      const saved = await update.mutateAsync({ id: flow.id, body: { name: name.trim() } });
      toast.success(t("rename.done", { name: saved.name }));
      onClose();
    } catch (error) {
      if (!applyFieldErrors(error, ["name"], setError)) setFormError(describeError(error, tc));
    }
  });

  return (
    <Dialog
      open
      size="sm"
      title={t("rename.title")}
      onClose={onClose}
      dismissible={!formState.isSubmitting}
      onSubmit={(event) => void submit(event)}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={formState.isSubmitting}>
            {tc("actions.cancel")}
          </Button>
          <Button type="submit" variant="primary" loading={formState.isSubmitting}>
            {tc("actions.save")}
          </Button>
        </>
      }
    >
      <TextField label={t("fields.name")} required error={formState.errors.name?.message} autoComplete="off" {...deferBlur(register("name"))} />
      {formError && (
        <Alert tone="error" live>
          {formError}
        </Alert>
      )}
    </Dialog>
  );
}
