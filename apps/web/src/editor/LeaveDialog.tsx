import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Dialog } from "../ui/index.js";

export interface LeaveDialogProps {
  open: boolean;
  /** Saves the draft (unfinished or not); resolves whether it saved. */
  onSave(): Promise<boolean>;
  onDiscard(): void;
  onStay(): void;
}

/**
 * Leaving with unsaved changes: a draft saves even unfinished, so saving is the first offer —
 * half-done work is neither lost nor held hostage. Leaving without saving and staying remain.
 */
export function LeaveDialog({ open, onSave, onDiscard, onStay }: LeaveDialogProps) {
  const { t } = useTranslation("editor");
  const messageId = useId();
  const [saving, setSaving] = useState(false);
  const saveAndLeave = async () => {
    setSaving(true);
    try {
      if (await onSave()) onDiscard();
      else onStay();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog
      open={open}
      onClose={onStay}
      title={t("leave.title")}
      size="md"
      role="alertdialog"
      describedBy={messageId}
      dismissible={!saving}
      footer={
        <>
          <Button variant="secondary" onClick={onStay} disabled={saving}>
            {t("leave.stay")}
          </Button>
          <Button variant="danger" onClick={onDiscard} disabled={saving}>
            {t("leave.discard")}
          </Button>
          <Button variant="primary" onClick={() => void saveAndLeave()} loading={saving} data-autofocus>
            {t("leave.save")}
          </Button>
        </>
      }
    >
      <p id={messageId}>{t("leave.detail")}</p>
    </Dialog>
  );
}
