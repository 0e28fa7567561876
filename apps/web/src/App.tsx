import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { createBrowserRouter, Navigate, RouterProvider } from "react-router";
import { AppShell } from "./shell/AppShell.js";

const ConnectionsPage = lazy(() => import("./connections/ConnectionsPage.js"));
const FlowsPage = lazy(() => import("./flows/FlowsPage.js"));
const EditorPage = lazy(() => import("./editor/EditorPage.js"));

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { index: true, element: <Navigate to="/fluxos" replace /> },
      { path: "conexoes", element: <Suspense><ConnectionsPage /></Suspense> },
      { path: "fluxos", element: <Suspense><FlowsPage /></Suspense> },
      { path: "fluxos/:flowId", element: <Suspense><EditorPage /></Suspense> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
