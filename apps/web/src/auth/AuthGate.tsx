import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Navigate, Outlet, useLocation } from "react-router";
import { useSession } from "../api/auth.js";
import { SESSION_ENDED_EVENT } from "../api/http.js";
import { queryKeys } from "../api/queryKeys.js";
import { ErrorState, LoadingState } from "../ui/index.js";

/** The app proper: only for a signed-in person. A fresh installation goes to the owner setup first. */
export function AuthGate() {
  const session = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();
  useEffect(() => {
    const ended = () => void queryClient.invalidateQueries({ queryKey: queryKeys.session });
    window.addEventListener(SESSION_ENDED_EVENT, ended);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, ended);
  }, [queryClient]);

  if (session.isPending) return <LoadingState />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (session.data.setupRequired) return <Navigate to="/configurar" replace />;
  if (!session.data.user) return <Navigate to="/entrar" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}
