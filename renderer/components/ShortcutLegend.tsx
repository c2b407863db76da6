export function ShortcutLegend() {
  return (
    <p className="shortcuts muted small" aria-hidden="true">
      <kbd>s</kbd> step · <kbd>p</kbd> pause · <kbd>r</kbd> resume · <kbd>Shift</kbd>+<kbd>P</kbd> promote ·{' '}
      <kbd>Shift</kbd>+<kbd>R</kbd> rollback · <kbd>j</kbd>/<kbd>k</kbd> next / previous service
    </p>
  );
}
