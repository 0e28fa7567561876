import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useCreateFlow } from "../api/flows.js";
import { Alert, Button, describeError, Dialog, TextArea, TextField, deferBlur } from "../ui/index.js";
import { applyFieldErrors, createFlowSchema } from "./flowForm.js";

interface CreateFlowValues {
  name: string;
  description: string;
}

/** Names a new flow, creates it and opens it in the editor. */
export function CreateFlowDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  if (!open) return null;
  return <CreateFlowForm onClose={onClose} />;
}

function CreateFlowForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation("flows");
  const { t: tc } = useTranslation("common");
  const navigate = useNavigate();
  const create = useCreateFlow();
  const [formError, setFormError] = useState<string | null>(null);
  const schema = useMemo(
    () => createFlowSchema({ required: t("validation.required"), maxLength: (max) => t("validation.maxLength", { max }) }),
    [t],
  );
  const { register, handleSubmit, formState, setError } = useForm<CreateFlowValues>({
    resolver: zodResolver(schema),
    defaultValues: { name: "", description: "" },
    mode: "onTouched",
  });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const flow = await create.mutateAsync({ name: values.name.trim(), description: values.description.trim() });
      onClose();
      void navigate(`/fluxos/${encodeURIComponent(flow.id)}`);
    } catch (error) {
      if (!applyFieldErrors(error, ["name", "description"], setError)) setFormError(describeError(error, tc));
    }
  });

  return (
    <Dialog
      open
      title={t("create.title")}
      onClose={onClose}
      dismissible={!formState.isSubmitting}
      onSubmit={(event) => void submit(event)}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={formState.isSubmitting}>
            {tc("actions.cancel")}
          </Button>
          <Button type="submit" variant="primary" loading={formState.isSubmitting}>
            {t("create.submit")}
          </Button>
        </>
      }
    >
      <TextField label={t("fields.name")} required error={formState.errors.name?.message} autoComplete="off" {...deferBlur(register("name"))} />
      <TextArea label={t("fields.description")} error={formState.errors.description?.message} rows={3} {...deferBlur(register("description"))} />
      {formError && (
        <Alert tone="error" live>
          {formError}
        </Alert>
      )}
    </Dialog>
  );
}
