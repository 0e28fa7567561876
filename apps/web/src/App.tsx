import { QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense, type ReactNode } from "react";
import { createBrowserRouter, Navigate, RouterProvider } from "react-router";
import { createQueryClient } from "./api/queryClient.js";
import { AuthGate } from "./auth/AuthGate.js";
import { AppShell } from "./shell/AppShell.js";
import { NotFoundPage, RootRouteError, RouteError } from "./shell/RouteError.js";
import { LoadingState, ToastProvider } from "./ui/index.js";

const ConnectionsPage = lazy(() => import("./connections/ConnectionsPage.js"));
const FlowsPage = lazy(() => import("./flows/FlowsPage.js"));
const EditorPage = lazy(() => import("./editor/EditorPage.js"));
const ExecutionsPage = lazy(() => import("./executions/ExecutionsPage.js"));
const SettingsPage = lazy(() => import("./settings/SettingsPage.js"));
const SetupPage = lazy(() => import("./auth/SetupPage.js"));
const LoginPage = lazy(() => import("./auth/LoginPage.js"));
const AcceptInvitePage = lazy(() => import("./auth/AcceptInvitePage.js"));

const queryClient = createQueryClient();

const page = (element: ReactNode) => <Suspense fallback={<LoadingState />}>{element}</Suspense>;

const router = createBrowserRouter([
  // Before signing in: the first owner, the login and an invitation's link.
  { path: "configurar", element: page(<SetupPage />), errorElement: <RootRouteError /> },
  { path: "entrar", element: page(<LoginPage />), errorElement: <RootRouteError /> },
  { path: "convite", element: page(<AcceptInvitePage />), errorElement: <RootRouteError /> },
  {
    element: <AuthGate />,
    errorElement: <RootRouteError />,
    children: [
      {
        element: <AppShell />,
        children: [
          {
            // Errors inside a page are shown inside the shell, so the navigation stays usable.
            errorElement: <RouteError />,
            children: [
              { index: true, element: <Navigate to="/fluxos" replace /> },
              { path: "conexoes", element: page(<ConnectionsPage />) },
              { path: "fluxos", element: page(<FlowsPage />) },
              { path: "fluxos/:flowId", element: page(<EditorPage />) },
              { path: "execucoes", element: page(<ExecutionsPage />) },
              { path: "configuracoes", element: page(<SettingsPage />) },
              { path: "*", element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  );
}
