import { useTranslation } from "react-i18next";
import { useExportFlow } from "../api/flows.js";
import { describeError, useToast } from "../ui/index.js";
import { downloadJson, exportFileName } from "./transfer.js";

/** "Exportar": fetches the flow's export and saves it as `<slug>.fluxo.json`. */
export function useDownloadFlow() {
  const { t } = useTranslation("flows");
  const { t: tc } = useTranslation("common");
  const toast = useToast();
  const exportFlow = useExportFlow();
  return {
    download(flowId: string) {
      exportFlow.mutate(flowId, {
        onSuccess: (file) => {
          const name = exportFileName(file);
          downloadJson(name, file);
          toast.success(t("export.done", { file: name }));
        },
        onError: (error) => toast.error(t("export.failed", { reason: describeError(error, tc) })),
      });
    },
    pending: exportFlow.isPending,
  };
}
