import type { ButtonHTMLAttributes, ReactNode, Ref } from "react";

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, "aria-label" | "children"> {
  /** The accessible name, also shown as a tooltip. */
  label: string;
  icon: ReactNode;
  size?: "md" | "sm";
  variant?: "default" | "danger";
  ref?: Ref<HTMLButtonElement>;
}

export function IconButton({ label, icon, size = "md", variant = "default", className, type = "button", ...props }: IconButtonProps) {
  const classes = ["icon-btn", size === "sm" ? "icon-btn--sm" : "", variant === "danger" ? "icon-btn--danger" : "", className ?? ""]
    .filter(Boolean)
    .join(" ");
  return (
    <button type={type} className={classes} aria-label={label} title={label} {...props}>
      {icon}
    </button>
  );
}
