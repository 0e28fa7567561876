import { isRouteErrorResponse, Link, useLocation, useRouteError } from "react-router";
import { useTranslation } from "react-i18next";
import { AlertIcon, Button, RefreshIcon } from "../ui/index.js";
import { ShellFrame } from "./AppShell.js";

/** A friendly page instead of a blank one when a route fails to load or render. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (import.meta.env.DEV && !notFound) console.error(error);
  return <ErrorPage notFound={notFound} />;
}

/** For an error in the shell itself: the same page, framed by the top bar. */
export function RootRouteError() {
  return (
    <ShellFrame>
      <RouteError />
    </ShellFrame>
  );
}

/** The catch-all route. */
export function NotFoundPage() {
  return <ErrorPage notFound />;
}

function ErrorPage({ notFound }: { notFound: boolean }) {
  const { t } = useTranslation("common");
  const location = useLocation();
  return (
    <div className="page">
      <div className="state state--error" role="alert">
        <AlertIcon className="state__icon" />
        <h1 className="state__title">{notFound ? t("shell.notFoundTitle") : t("shell.routeErrorTitle")}</h1>
        <p className="state__description">
          {notFound ? t("shell.notFoundDetail", { path: location.pathname }) : t("shell.routeErrorDetail")}
        </p>
        <div className="state__actions">
          <Link className="btn btn--primary" to="/fluxos">
            {t("shell.goHome")}
          </Link>
          {!notFound && (
            <Button icon={<RefreshIcon />} onClick={() => window.location.reload()}>
              {t("shell.reload")}
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}
