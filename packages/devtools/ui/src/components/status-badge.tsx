/** ok / error / running, coloured. */
export const StatusBadge = ({ status }: { readonly status: string }) => (
  <span className={`badge status-${status}`} data-testid="status-badge">{status}</span>
);
